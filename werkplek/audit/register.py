"""The processing register (GDPR art. 30): what Werkplek stores, why, and for how long."""

from django.utils.translation import gettext_lazy as _

PROCESSING_REGISTER = [
    {
        "what": _("Candidates: name, contact details, date of birth, address, target group"),
        "why": _("Organising the workplace learning trajectory and the contract (art. 6.1.b)"),
        "who": _("Coordinators and admins; mentors see the trajectories they mentor"),
        "kept": _("Until the retention period after the last trajectory ends"),
    },
    {
        "what": _("Credentials: driving licence, driver card, professional competence"),
        "why": _("Legal obligation to drive professionally (art. 6.1.c)"),
        "who": _("Coordinators, admins and mentors"),
        "kept": _("Until the retention period after the last trajectory ends"),
    },
    {
        "what": _("Medical fitness: only “fit for group 2, valid until”"),
        "why": _("Legal obligation; health data (art. 9.2.b): no diagnosis, no scan"),
        "who": _("Coordinators and admins only; every read is logged"),
        "kept": _("Until the retention period after the last trajectory ends"),
    },
    {
        "what": _("Trajectory, checklist, plan, logbook, attendance, follow-up, evaluations"),
        "why": _("Guiding and proving the training (art. 6.1.b and 6.1.c)"),
        "who": _("Coordinators, admins, the trajectory's mentors and the trainee"),
        "kept": _("Anonymised after the retention period: the trajectory stays, the name goes"),
    },
    {
        "what": _("Documents: contracts, werkpostfiches, proof of credentials"),
        "why": _("Legal and contractual obligations (art. 6.1.b and 6.1.c)"),
        "who": _("Coordinators and admins; some documents also mentors and the trainee"),
        "kept": _("Deleted with their files after the retention period or on erasure"),
    },
    {
        "what": _("Audit trail: who changed what and when; reads of medical data"),
        "why": _("Accountability and security (art. 5.2 and 32)"),
        "who": _("Coordinators and admins"),
        "kept": _("With the record; purged of personal details on erasure"),
    },
    {
        "what": _("Users: name, e-mail address, language, failed sign-ins"),
        "why": _("Access to Werkplek and protection against password guessing (art. 6.1.f)"),
        "who": _("Admins of the organisation"),
        "kept": _("As long as the account exists; failed sign-ins for the lock-out period"),
    },
]
