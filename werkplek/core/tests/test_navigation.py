def nav_links(client) -> str:
    page = client.get("/o/autocars/trajectories/mine/").content.decode()
    return page[page.index('aria-label="Hoofdmenu"') : page.index("</nav>")]


def test_a_mentor_gets_only_mentor_links(client_for, mentor):
    links = nav_links(client_for(mentor))
    assert "/o/autocars/trajectories/mine/" in links
    assert "/o/autocars/candidates/" not in links
    assert "/o/autocars/settings/" not in links


def test_an_admin_gets_the_organisation_settings(client_for, admin):
    links = nav_links(client_for(admin))
    for url in ("/o/autocars/trajectories/", "/o/autocars/candidates/", "/o/autocars/settings/"):
        assert f'href="{url}"' in links
