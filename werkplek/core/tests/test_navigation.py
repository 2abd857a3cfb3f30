def nav_links(client) -> str:
    page = client.get("/o/autocars/trajectories/mine/").content.decode()
    start = page.index('aria-label="Hoofdmenu"')
    return page[start : page.index("</nav>", start)]


def test_a_mentor_gets_only_mentor_links(client_for, mentor):
    links = nav_links(client_for(mentor))
    assert "/o/autocars/trajectories/mine/" in links
    assert "/o/autocars/candidates/" not in links
    assert "/o/autocars/settings/" not in links


def test_an_admin_gets_the_organisation_settings(client_for, admin):
    links = nav_links(client_for(admin))
    for url in ("/o/autocars/trajectories/", "/o/autocars/candidates/", "/o/autocars/settings/"):
        assert f'href="{url}"' in links


def test_the_main_destinations_of_a_role_sit_in_the_header_and_in_the_menu(client_for, coordinator):
    page = client_for(coordinator).get("/o/autocars/home/").content.decode()
    start = page.index('class="nav-primary"')
    header_links = page[start : page.index("</nav>", start)]
    for url in ("/o/autocars/home/", "/o/autocars/trajectories/", "/o/autocars/candidates/"):
        assert f'href="{url}"' in header_links
        assert f'href="{url}"' in nav_links(client_for(coordinator))
    assert "/o/autocars/settings/members/" not in header_links  # the rest only under "More"
