"""The roles of the service hall, as Django groups with permissions.

A role is a group; what it may do is the permissions of that group. The groups are brought in line with
this table after every migrate (courthall.apps), so a new permission reaches every court at once.
This table is the truth: after a migrate each group holds exactly the permissions named here. To give one
person more, a superuser grants it to that person, not to the role's group.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    key: str
    group_name: str
    permissions: tuple[str, ...]  # "app_label.codename"
    home: str  # URL name of the role's home page
    staff: bool  # court staff (bound to one court) rather than a portal user
    admin_site: bool = False  # may open the Django admin


# A court's administrator keeps their own court's records. The holiday table and the case-type catalogue
# are national and shared by every court on the server: they see them, and the server's superuser edits them.
_MODEL_ADMIN = (
    *(f"courthall.{action}_department" for action in ("add", "change", "delete", "view")),
    "courthall.view_court",
    "courthall.change_court",
    "courthall.view_user",
    "courthall.add_user",
    "courthall.change_user",
    "courthall.view_holiday",
    "filing.view_casetype",
    "filing.view_feeschedule",
    "filing.view_causeofaction",
    "filing.view_checklistitem",
    # 自动分案: a court configures its own departments' case types, its judges' weights and absences.
    *(
        f"filing.{action}_{model}"
        for model in ("departmentcasetype", "judgeassignmentsetting", "judgeabsence")
        for action in ("add", "change", "delete", "view")
    ),
    "filing.view_assignment",
    # The court's own roster of mediators (特邀调解名册).
    *(f"filing.{action}_mediator" for action in ("add", "change", "view")),
    "notices.view_notice",
    # The line's knowledge base (答复口径): shared answers are read-only, the court's own are kept here.
    *(f"hotline.{action}_knowledgeanswer" for action in ("add", "change", "delete", "view")),
    "auth.view_group",
    # The SMS outbox is server-wide and read-only: it is how a court checks what a person was sent.
    "courthall.view_smsmessage",
    # --- roster (issue 7): the court's hall posts and opening hours (舞钢规范第十三条); the records are
    # read only.
    *(
        f"courthall.{action}_{model}"
        for model in ("post", "openingspan")
        for action in ("add", "change", "delete", "view")
    ),
    *(f"courthall.view_{model}" for model in ("postholding", "attendance", "outing", "leaverequest")),
)

CLERK = Role(
    "clerk",
    "窗口工作人员",
    ("courthall.work_counter", "courthall.review_filings", "courthall.verify_portal_accounts"),
    "filing:counter",
    True,
)
AGENT = Role("agent", "坐席员", ("courthall.answer_hotline",), "hotline:home", True)
DUTY_JUDGE = Role(
    "duty_judge",
    "值班法官",
    ("courthall.answer_duty_questions", "courthall.handle_cases"),
    "hotline:duty",
    True,
)
JUDGE = Role("judge", "承办法官", ("courthall.handle_cases",), "filing:my_cases", True)
SUPERVISOR = Role("supervisor", "诉讼服务中心负责人", ("courthall.supervise",), "overview", True)
SYSADMIN = Role(
    "sysadmin",
    "系统管理员",
    ("courthall.administer_court", *_MODEL_ADMIN),
    "admin:index",
    True,
    admin_site=True,
)
LAWYER = Role("lawyer", "律师", ("courthall.use_portal",), "filing:portal", False)
INTERN_LAWYER = Role("intern_lawyer", "实习律师", ("courthall.use_portal",), "filing:portal", False)
PARTY = Role("party", "当事人", ("courthall.use_portal",), "filing:portal", False)

# In order of precedence: a person in two groups starts at the first one's home.
ROLES: tuple[Role, ...] = (
    SYSADMIN,
    SUPERVISOR,
    CLERK,
    DUTY_JUDGE,
    AGENT,
    JUDGE,
    LAWYER,
    INTERN_LAWYER,
    PARTY,
)
ROLES_BY_KEY = {role.key: role for role in ROLES}


def roles_of(user) -> list[Role]:
    """The user's roles, in order of precedence. Call with a signed-in user."""
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in ROLES if role.group_name in names]


def sync_role_groups() -> None:
    """Create the role groups and give each its permissions; safe to run again."""
    from django.contrib.auth.models import Group, Permission

    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.group_name)
        wanted = []
        for dotted in role.permissions:
            app_label, codename = dotted.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
