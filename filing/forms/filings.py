"""Forms of the clerk's filing screens: parse what was typed, nothing more.

The rules (a plaintiff and a defendant, valid ID numbers, an amount not below zero, the one-time
correction rule …) live in filing.services.filings, whose messages the page shows at the top. A form here
refuses only what it cannot turn into a service argument, so every rule a filing breaks is reported in one
go, and a complaint is never turned away at the window for a detail (登记立案规定 art. 2: every complaint
is received; what is missing goes into the correction notice, art. 7).

The new-filing page is one HTML form holding a main form and four formsets. Buttons named `action` add a
row or load the checklist of another case type without JavaScript: the page comes back with everything
typed so far, and nothing is checked or saved until the clerk presses the button that receives.
"""

import contextlib

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict

from courthall.models import User
from courthall.roles import SUPERVISOR
from courthall.validators import birth_date_from_resident_id, sex_from_resident_id, validate_resident_id
from filing.enforcement import requires_basis
from filing.models import (
    AgentKind,
    CaseCategory,
    CaseType,
    CauseOfAction,
    ChecklistItem,
    Filing,
    IdType,
    MaterialItem,
    PartyKind,
    PartyRole,
)
from filing.selectors.filings import MaterialStatus
from filing.services.filings import (
    AGENT_KIND_REQUIRED,
    AGENT_NAME_REQUIRED,
    LAWYER_LICENCE_INVALID,
    LICENCE_NUMBER,
    NO_COMPETENT_COURT,
    NO_LEGAL_BASIS,
    NO_REASON,
    NO_REFUSAL_REASON,
    AgentInput,
    CorrectionInput,
    MaterialInput,
    PartyInput,
)

CASE_TYPE_REQUIRED = "请选择案件类型。"
CAUSE_TWICE = "已从目录中选择了案由，请清空“目录外案由”，或把目录中的选择改为“目录外案由”。"
AGENT_PARTY_REQUIRED = "请选择被代理的当事人。"
AGENT_PARTY_EMPTY = "所选的被代理人一行没有填写，请重新选择。"
MATERIAL_NAME_REQUIRED = "请填写材料名称。"
COUNT_INVALID = "请填写 1 至 999 之间的整数。"
CHECKLIST_CHANGED = "该案件类型的材料清单刚刚被修改，请重新勾选收到的材料。"
CHECKLIST_RELOADED = "案件类型已更改，已载入新的材料清单：请勾选收到的材料后再提交。"
APPROVER_REQUIRED = "填写了批准理由，请同时选择批准二次告知的诉讼服务中心负责人。"
CHOICE_INVALID = "所选项目不在列表中，请重新选择。"

SEX_CHOICES = [("", "—"), ("男", "男"), ("女", "女")]

# Reasons a civil complaint is not accepted, with their legal basis (民事诉讼法, 2023 修正): art. 122 lists
# the conditions of a suit, art. 126 orders a ruling not to accept within seven days when they are not met,
# art. 127 lists special cases. A matter outside the civil courts' remit fails art. 122(4); art. 127(1) is
# only the narrower case of an administrative dispute (the filer is told to sue under the 行政诉讼法), so it
# is not this template's basis. A repeated suit: art. 127(5) with 民诉法解释 (2022) art. 247.
CPL = "《中华人民共和国民事诉讼法》"
REFUSAL_TEMPLATES: dict[str, tuple[str, str, str]] = {
    "scope": (
        "不属于人民法院受理民事诉讼的范围",
        "起诉人所诉事项不属于人民法院受理民事诉讼的范围，不符合法定起诉条件。",
        f"{CPL}第一百二十二条第四项、第一百二十六条",
    ),
    "no_interest": (
        "起诉人与本案没有直接利害关系",
        "起诉人与本案没有直接利害关系，不符合法定起诉条件。",
        f"{CPL}第一百二十二条第一项、第一百二十六条",
    ),
    "no_defendant": (
        "没有明确的被告",
        "起诉人的起诉没有明确的被告，不符合法定起诉条件。",
        f"{CPL}第一百二十二条第二项、第一百二十六条",
    ),
    "no_claims": (
        "没有具体的诉讼请求和事实、理由",
        "起诉人的起诉没有具体的诉讼请求和事实、理由，不符合法定起诉条件。",
        f"{CPL}第一百二十二条第三项、第一百二十六条",
    ),
    "repeated": (
        "重复起诉",
        "起诉人就已经发生法律效力的裁判所处理的同一事项再次起诉，构成重复起诉。",
        f"{CPL}第一百二十七条第五项，"
        "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百四十七条",
    ),
}


class StyledForm(forms.Form):
    """Bootstrap classes on every widget, and `is-invalid` on the fields that failed.

    `quiet=True`: a page re-shown as typed after a button that does not save (add a row): the form shows
    what was typed and no errors, and is never asked is_valid().
    """

    size = ""  # "sm" for the dense rows of a formset

    def __init__(self, *args, quiet: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if quiet and self.is_bound:
            self._errors = ErrorDict()
        control = "form-control" + (f" form-control-{self.size}" if self.size else "")
        select = "form-select" + (f" form-select-{self.size}" if self.size else "")
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = select
            else:
                css = control
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


def _count_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        initial=1,
        min_value=1,
        max_value=999,
        error_messages={"invalid": COUNT_INVALID, "min_value": COUNT_INVALID, "max_value": COUNT_INVALID},
        widget=forms.NumberInput(attrs={"min": 1, "max": 999, "inputmode": "numeric"}),
    )


def _textarea(rows: int, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


def _form_errors(where: str, form) -> list[str]:
    """A form's errors as lines for the top of the page: "第2名当事人·姓名或名称：请填写…"."""
    lines = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = "·".join(part for part in (where, field.label if field is not None else "") if part)
        lines.extend(f"{label}：{error}" if label else error for error in errors)
    return lines


def _with_one_more_row(data, prefix: str):
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    with contextlib.suppress(ValueError):  # a broken management form: the formset reports it
        data[key] = str(min(int(data.get(key, 0)) + 1, 100))
    return data


def _filled(formset) -> list:
    """The rows the clerk used: every initial row not marked for deletion, the extra rows typed in."""
    deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
    return [
        form
        for index, form in enumerate(formset.forms)
        if id(form) not in deleted and (index < formset.initial_form_count() or form.has_changed())
    ]


# --- The filing itself ----------------------------------------------------------------------------


class FilingForm(StyledForm):
    case_type = forms.ModelChoiceField(
        label="案件类型",
        queryset=CaseType.objects.filter(accepts_filings=True),
        empty_label="（请选择）",
        error_messages={"required": CASE_TYPE_REQUIRED, "invalid_choice": CASE_TYPE_REQUIRED},
        widget=forms.Select(attrs={"autofocus": True}),
    )
    cause = forms.ModelChoiceField(
        label="案由",
        queryset=CauseOfAction.objects.filter(active=True),
        required=False,
        empty_label="（请选择）",
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    cause_text = forms.CharField(label="目录外案由", required=False, max_length=100)
    # Parsed by the service (BAD_AMOUNT), which also accepts "150,000".
    amount_in_dispute = forms.CharField(
        label="争议金额（元）",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    claims = forms.CharField(label="诉讼请求", required=False, widget=_textarea(3))
    facts = forms.CharField(label="事实和理由", required=False, widget=_textarea(3))

    def __init__(self, *args, case_type: CaseType | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if requires_basis(case_type):
            # An application for enforcement: what it asks and the amount to enforce (the fee's base).
            self.fields["claims"].label = "申请执行事项"
            self.fields["amount_in_dispute"].label = "申请执行金额（元）"
        if case_type is not None:
            # The causes of the case type's branch of law; a mediation or preservation is of a civil dispute.
            category = case_type.category
            if category in (CaseCategory.MEDIATION, CaseCategory.PRESERVATION):
                category = CaseCategory.CIVIL
            causes = self.fields["cause"].queryset.filter(category=category)
            if causes.exists():
                self.fields["cause"].queryset = causes

    def clean(self):
        # 登记立案规定 art. 4 does not make the complaint name its cause (the court determines it), so a
        # filing is received without one; but it cannot have two.
        cleaned = super().clean()
        if cleaned.get("cause") is not None and cleaned.get("cause_text", "").strip():
            self.add_error("cause_text", CAUSE_TWICE)
        return cleaned


class SubmitterForm(StyledForm):
    submitter_name = forms.CharField(
        label="提交材料人",
        required=False,
        max_length=50,
        help_text="留空时为第一名原告。",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


# --- Parties and agents ---------------------------------------------------------------------------


class PartyForm(StyledForm):
    size = "sm"

    role = forms.ChoiceField(label="诉讼地位", choices=PartyRole.choices)
    kind = forms.ChoiceField(label="类型", choices=PartyKind.choices, initial=PartyKind.PERSON)
    # A row used without a name is reported by the service, with the party's number, with the rest.
    name = forms.CharField(
        label="姓名或名称",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    sex = forms.ChoiceField(label="性别", choices=SEX_CHOICES, required=False)
    ethnicity = forms.CharField(label="民族", required=False, max_length=20)
    occupation = forms.CharField(label="职业或工作单位", required=False, max_length=100)
    address = forms.CharField(label="住所", required=False, max_length=200)
    id_type = forms.ChoiceField(
        label="证件类型",
        choices=[("", "（无）"), *IdType.choices],
        required=False,
        initial=IdType.RESIDENT_ID,
    )
    # Checked by the service (居民身份证 and 统一社会信用代码, digit by digit), which names the party.
    id_number = forms.CharField(
        label="证件号码", required=False, max_length=40, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    phone = forms.CharField(
        label="联系电话",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    legal_representative = forms.CharField(label="法定代表人或负责人", required=False, max_length=50)
    legal_representative_title = forms.CharField(label="职务", required=False, max_length=50)

    def as_input(self) -> PartyInput:
        data = self.cleaned_data
        values = {name: data[name] for name in PartyInput.__dataclass_fields__ if name in data}
        if not data["id_number"]:
            values["id_type"] = ""
        elif data["id_type"] == IdType.RESIDENT_ID:
            # Sex and birth date are in the number (GB 11643-1999). A wrong number is the service's to
            # report, with the party's name.
            try:
                values["birth_date"] = birth_date_from_resident_id(data["id_number"])
                values["sex"] = data["sex"] or sex_from_resident_id(data["id_number"])
            except ValidationError:
                pass
        return PartyInput(**values)


class PartyFormSet(forms.BaseFormSet):
    """The first row starts as 原告, the others as 被告: the two a suit needs (民事诉讼法 art. 122)."""

    def get_form_kwargs(self, index):
        role = PartyRole.PLAINTIFF if index == 0 else PartyRole.DEFENDANT
        return {**super().get_form_kwargs(index), "initial": {"role": role}}

    def party_choices(self) -> list[tuple[str, str]]:
        """Each row as an agent's form offers it: the name typed so far, or the row's number."""
        roles = dict(PartyRole.choices)
        choices = []
        for index, form in enumerate(self.forms):
            name = (form["name"].value() or "").strip()
            role = roles.get(form["role"].value(), "")
            choices.append((str(index), f"{name}（{role}）" if name else f"第{index + 1}行当事人（{role}）"))
        return choices


PartyFormSetClass = forms.formset_factory(PartyForm, formset=PartyFormSet, extra=2, max_num=50)


class AgentForm(StyledForm):
    size = "sm"

    party = forms.ChoiceField(
        label="被代理人", error_messages={"required": AGENT_PARTY_REQUIRED, "invalid_choice": CHOICE_INVALID}
    )
    kind = forms.ChoiceField(
        label="代理人类型",
        choices=[("", "（请选择）"), *AgentKind.choices],
        error_messages={"required": AGENT_KIND_REQUIRED},
    )
    name = forms.CharField(label="姓名", max_length=50, error_messages={"required": AGENT_NAME_REQUIRED})
    id_number = forms.CharField(label="身份证号码", required=False, max_length=40)
    phone = forms.CharField(
        label="联系电话", required=False, max_length=30, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    licence_number = forms.CharField(label="执业证号", required=False, max_length=30)
    firm = forms.CharField(label="律师事务所或工作单位", required=False, max_length=100)
    special_authority = forms.BooleanField(label="特别授权", required=False)

    def __init__(self, *args, party_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "（请选择）"), *party_choices]

    def clean_id_number(self) -> str:
        value = self.cleaned_data["id_number"].strip()
        return validate_resident_id(value) if value else ""

    def clean_licence_number(self) -> str:
        return "".join(self.cleaned_data["licence_number"].split())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == AgentKind.LAWYER and not LICENCE_NUMBER.fullmatch(
            cleaned.get("licence_number", "")
        ):
            self.add_error("licence_number", LAWYER_LICENCE_INVALID.format(name=cleaned.get("name", "")))
        return cleaned


class AgentFormSet(forms.BaseFormSet):
    def __init__(self, *args, party_choices=(), **kwargs):
        self.party_choices = party_choices
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "party_choices": self.party_choices}


AgentFormSetClass = forms.formset_factory(AgentForm, formset=AgentFormSet, extra=1, max_num=50)


# --- Materials ------------------------------------------------------------------------------------


class ChecklistMaterialForm(StyledForm):
    """One item of the case type's checklist (登记立案规定 art. 6): handed over? copies, pages, original."""

    size = "sm"

    checklist_item = forms.IntegerField(widget=forms.HiddenInput)
    handed = forms.BooleanField(label="已收", required=False)
    copies = _count_field("份数")
    pages = _count_field("页数")
    is_original = forms.BooleanField(label="原件", required=False)

    def __init__(self, *args, item: ChecklistItem, status: MaterialStatus | None = None, **kwargs):
        self.item, self.status = item, status
        super().__init__(*args, **kwargs)
        self.fields["handed"].widget.attrs["aria-label"] = f"已收：{item.name}"

    def clean_checklist_item(self) -> int:
        if self.cleaned_data["checklist_item"] != self.item.pk:
            raise ValidationError(CHECKLIST_CHANGED)
        return self.item.pk

    def as_input(self) -> MaterialInput | None:
        data = self.cleaned_data
        if not data.get("handed"):
            return None
        return MaterialInput(
            name=self.item.name,
            copies=data["copies"] or 1,
            pages=data["pages"] or 1,
            is_original=data["is_original"],
            checklist_item_id=self.item.pk,
        )


class ChecklistFormSet(forms.BaseFormSet):
    """One row per checklist item, in the catalogue's order, copies as for one defendant. With
    `statuses` (filing_material_status of a filing) the rows are that filing's items, each showing what is
    still missing and expecting the copies still owed."""

    def __init__(self, *args, items=(), statuses=None, **kwargs):
        self.statuses = {status.item.pk: status for status in statuses or ()}
        self.items = [status.item for status in statuses] if statuses is not None else list(items)
        kwargs["initial"] = [
            {
                "checklist_item": item.pk,
                "copies": self._copies(item),
                "is_original": item.original_required,
            }
            for item in self.items
        ]
        super().__init__(*args, **kwargs)

    def _copies(self, item: ChecklistItem) -> int:
        status = self.statuses.get(item.pk)
        if status is None:
            return item.copies_needed(opponents=1)
        return max(status.copies_needed - status.copies_handed, 1)

    def total_form_count(self):
        return len(self.items)

    def get_form_kwargs(self, index):
        item = self.items[index]
        return {**super().get_form_kwargs(index), "item": item, "status": self.statuses.get(item.pk)}


ChecklistFormSetClass = forms.formset_factory(ChecklistMaterialForm, formset=ChecklistFormSet, extra=0)


class ExtraMaterialForm(StyledForm):
    """A material not on the checklist: more evidence, a letter, a photograph."""

    size = "sm"

    name = forms.CharField(
        label="材料名称", max_length=100, error_messages={"required": MATERIAL_NAME_REQUIRED}
    )
    copies = _count_field("份数")
    pages = _count_field("页数")
    is_original = forms.BooleanField(label="原件", required=False)

    def as_input(self) -> MaterialInput:
        data = self.cleaned_data
        return MaterialInput(
            name=data["name"],
            copies=data["copies"] or 1,
            pages=data["pages"] or 1,
            is_original=data["is_original"],
        )


ExtraMaterialFormSetClass = forms.formset_factory(ExtraMaterialForm, extra=2, max_num=100)


# --- A page of materials, and the new-filing page around it ---------------------------------------


class PageIntake:
    """The forms one page posts. `data` is request.POST or None. A button named `action` other than
    "save" (add a row, load another checklist) re-shows the page as typed, unchecked and unsaved."""

    add_row_actions: dict[str, str] = {}  # action → prefix of the formset that gets one more row

    def __init__(self, data=None):
        self.action = data.get("action", "save") if data is not None else None
        if self.action in self.add_row_actions:
            data = _with_one_more_row(data, self.add_row_actions[self.action])
        self.data = data
        self.quiet = data is not None and not self.validated
        self.page_errors: list[str] = []

    @property
    def validated(self) -> bool:
        """The clerk pressed the button that saves: show what is wrong."""
        return self.action == "save"

    def add_error(self, error: ValidationError) -> None:
        """A service's refusal, shown at the top of the page."""
        self.page_errors.extend(error.messages)


class MaterialsIntake(PageIntake):
    """The materials handed over at one time: the checklist rows, free rows and who brought them.

    `items`: the checklist of a new filing's case type; `statuses`: a filing's checklist as it stands
    (filing_material_status), for the corrections brought in later."""

    add_row_actions = {"add_material": "extras"}

    def __init__(self, data=None, *, items=(), statuses=None, submitter_initial: str = ""):
        super().__init__(data)
        data = self.data
        quiet = {"quiet": self.quiet}
        self.submitter = SubmitterForm(data, initial={"submitter_name": submitter_initial}, **quiet)
        self.checklist = ChecklistFormSetClass(
            data, prefix="checklist", items=items, statuses=statuses, form_kwargs=quiet
        )
        self.extras = ExtraMaterialFormSetClass(data, prefix="extras", form_kwargs=quiet)

    def parts(self) -> list[tuple[str, object]]:
        return [("", self.submitter), ("材料清单", self.checklist), ("其他材料", self.extras)]

    def is_valid(self) -> bool:
        # Every part is checked (no short cut), so that every message is shown at once.
        return self.validated and all([part.is_valid() for _, part in self.parts()])

    def materials(self) -> list[MaterialInput]:
        handed = [form.as_input() for form in self.checklist.forms]
        return [m for m in handed if m is not None] + [form.as_input() for form in _filled(self.extras)]

    def errors(self) -> list[str]:
        """Every message for the top of the page: the service's or the page's first, then each row's."""
        if not self.validated:
            return []
        lines = list(self.page_errors)
        for label, part in self.parts():
            if isinstance(part, forms.BaseFormSet):
                lines.extend(part.non_form_errors())
                for index, form in enumerate(part.forms):
                    lines.extend(_form_errors(self.row_label(label, index, form), form))
            else:
                lines.extend(_form_errors(label, part))
        return lines

    def row_label(self, label: str, index: int, form) -> str:
        if isinstance(form, ChecklistMaterialForm):
            return form.item.name
        if isinstance(form, PartyForm):
            return f"第{index + 1}名当事人"
        return f"{label}第{index + 1}行"


class FilingIntake(MaterialsIntake):
    """Everything the new-filing page posts: the filing, its parties and agents, the first materials.

    The checklist follows the chosen case type. A hidden `checklist_for` says which type the posted
    checklist rows belong to; when the clerk has picked another type they start afresh for it.
    """

    add_row_actions = {"add_party": "parties", "add_agent": "agents", "add_material": "extras"}

    def __init__(self, data=None, *, case_type: CaseType | None = None, submitter_initial: str = ""):
        if data is not None:
            case_type = case_type_from(data.get("case_type"))
        self.case_type = case_type
        items = list(case_type.checklist.all()) if case_type else []
        super().__init__(data, items=items, submitter_initial=submitter_initial)
        data = self.data
        self.checklist_reloaded = data is not None and data.get("checklist_for", "") != str(
            case_type.pk if case_type else ""
        )
        if self.checklist_reloaded:
            self.checklist = ChecklistFormSetClass(None, prefix="checklist", items=items)
            if self.action == "save" and items:
                self.page_errors.append(CHECKLIST_RELOADED)
        quiet = {"quiet": self.quiet}
        self.form = FilingForm(data, case_type=case_type, initial={"case_type": case_type}, **quiet)
        self.parties = PartyFormSetClass(data, prefix="parties", form_kwargs=quiet)
        self.agents = AgentFormSetClass(
            data, prefix="agents", party_choices=self.parties.party_choices(), form_kwargs=quiet
        )
        # 执: the application names its 执行依据 (filing.forms.enforcement builds on this module's forms).
        from filing.forms.enforcement import EnforcementBasisForm

        self.basis = EnforcementBasisForm(data, **quiet) if requires_basis(case_type) else None

    def parts(self):
        basis = [("执行依据", self.basis)] if self.basis is not None else []
        return [("", self.form), *basis, ("当事人", self.parties), ("代理人", self.agents), *super().parts()]

    def is_valid(self) -> bool:
        valid = super().is_valid() and not self.page_errors
        if not self.validated:
            return False
        for form in _filled(self.agents):
            party = form.cleaned_data.get("party")
            if party and not self.parties.forms[int(party)].has_changed():
                form.add_error("party", AGENT_PARTY_EMPTY)
                valid = False
        return valid

    def service_kwargs(self) -> dict:
        """filing_receive's arguments but `user` and `visit`, from forms that are valid."""
        data = self.form.cleaned_data
        parties = _filled(self.parties)
        position = {id(form): index for index, form in enumerate(parties)}
        agent_fields = [name for name in AgentInput.__dataclass_fields__ if name != "party_index"]
        agents = [
            AgentInput(
                party_index=position[id(self.parties.forms[int(form.cleaned_data["party"])])],
                **{name: form.cleaned_data[name] for name in agent_fields},
            )
            for form in _filled(self.agents)
        ]
        return {
            "case_type": data["case_type"],
            "cause": data["cause"],
            "cause_text": data["cause_text"],
            "claims": data["claims"],
            "facts": data["facts"],
            "amount_in_dispute": data["amount_in_dispute"],
            "submitter_name": self.submitter.cleaned_data["submitter_name"],
            "parties": [form.as_input() for form in parties],
            "agents": agents,
            "materials": self.materials(),
            "enforcement_basis": self.basis.as_input() if self.basis is not None else None,
        }


def case_type_from(value) -> CaseType | None:
    """The case type a posted or linked id names, if filings of it are received; else None."""
    try:
        return CaseType.objects.filter(accepts_filings=True).get(pk=int(value))
    except (TypeError, ValueError, CaseType.DoesNotExist):
        return None


# --- Decisions ------------------------------------------------------------------------------------


class CorrectionItemForm(StyledForm):
    size = "sm"

    checklist_item = forms.IntegerField(required=False, widget=forms.HiddenInput)
    material_item = forms.TypedChoiceField(
        label="所涉已交材料",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    material = forms.CharField(label="材料", required=False, max_length=100)
    problem = forms.CharField(label="存在的问题", required=False, max_length=300)
    provide = forms.CharField(label="需补正的内容", required=False, max_length=300)

    def __init__(self, *args, handed=(), checklist_ids=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist_ids = checklist_ids
        self.fields["material_item"].choices = [
            ("", "（未提交的材料）"),
            *((item.pk, f"第{item.round.number}次提交：{item.name}") for item in handed),
        ]
        self.names = {item.pk: item.name for item in handed}

    def clean_checklist_item(self):
        value = self.cleaned_data["checklist_item"]
        return value if value in self.checklist_ids else None

    def as_input(self) -> CorrectionInput:
        data = self.cleaned_data
        material = data["material"].strip() or self.names.get(data["material_item"], "")
        return CorrectionInput(
            material=material,
            problem=data["problem"],
            provide=data["provide"],
            material_item_id=data["material_item"],
            checklist_item_id=data["checklist_item"],
        )


class CorrectionItemFormSet(forms.BaseFormSet):
    def __init__(self, *args, handed=(), checklist_ids=frozenset(), **kwargs):
        self.handed, self.checklist_ids = list(handed), frozenset(checklist_ids)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "handed": self.handed, "checklist_ids": self.checklist_ids}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "不列入"
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"


CorrectionItemFormSetClass = forms.formset_factory(
    CorrectionItemForm, formset=CorrectionItemFormSet, extra=2, can_delete=True, max_num=100
)


def correction_initial(
    statuses: list[MaterialStatus], handed: list[MaterialItem], *, originals: bool = True
) -> list[dict]:
    """The rows a correction notice starts with: every checklist material missing or short
    (filing_material_status), so that the one notice names all of them (登记立案规定 art. 7).
    `originals=False` for an online filing: originals are seen at the hearing (舞钢规范第七条)."""
    latest = {}
    for item in handed:  # in round order: the last one handed in of each checklist item wins
        if item.checklist_item_id:
            latest[item.checklist_item_id] = item.pk
    rows = []
    for status in statuses:
        item = status.item
        original = "（原件）" if item.original_required and originals else ""
        if status.missing:
            problem = "未提交"
            provide = f"提交{item.name}{status.copies_needed}份{original}"
        elif status.short:
            problem = f"份数不足：应交{status.copies_needed}份，已交{status.copies_handed}份"
            provide = f"补交{item.name}{status.copies_needed - status.copies_handed}份"
        else:
            continue
        rows.append(
            {
                "checklist_item": item.pk,
                "material_item": latest.get(item.pk),
                "material": item.name,
                "problem": problem,
                "provide": provide,
            }
        )
    return rows


class CorrectionIntake(PageIntake):
    """The correction page: the items, and a supervisor's approval for items that are a second notice."""

    add_row_actions = {"add_item": "items"}

    def __init__(self, data=None, *, filing: Filing, statuses, handed):
        super().__init__(data)
        data = self.data
        self.items = CorrectionItemFormSetClass(
            data,
            prefix="items",
            form_kwargs={"quiet": self.quiet},
            initial=correction_initial(statuses, handed, originals=filing.channel != "online"),
            handed=handed,
            checklist_ids={status.item.pk for status in statuses},
        )
        self.approval = ApprovalForm(data, filing=filing, quiet=self.quiet)

    def is_valid(self) -> bool:
        return self.validated and all([self.items.is_valid(), self.approval.is_valid()])

    def service_kwargs(self) -> dict:
        return {
            "items": [form.as_input() for form in _filled(self.items)],
            "approved_by": self.approval.cleaned_data["approved_by"],
            "approval_reason": self.approval.cleaned_data["approval_reason"],
        }

    def errors(self) -> list[str]:
        if not self.validated:
            return []
        lines = [*self.page_errors, *self.items.non_form_errors()]
        for index, form in enumerate(self.items.forms):
            lines.extend(_form_errors(f"第{index + 1}项", form))
        return lines + _form_errors("", self.approval)


class ApprovalForm(StyledForm):
    """一次性全面告知: a second notice stands only with the written approval of the head of the service
    centre. The clerk names the supervisor who approved and writes the reason; the service checks that the
    person named is a supervisor (can_approve_second_notice) and records them as the approver."""

    approved_by = forms.ModelChoiceField(
        label="批准人（诉讼服务中心负责人）",
        queryset=User.objects.none(),
        required=False,
        empty_label="（请选择）",
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    approval_reason = forms.CharField(label="批准理由", required=False, widget=_textarea(2))

    def __init__(self, *args, filing: Filing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = User.objects.filter(
            court_id=filing.court_id, is_active=True, groups__name=SUPERVISOR.group_name
        ).order_by("full_name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("approval_reason", "").strip() and cleaned.get("approved_by") is None:
            self.add_error("approved_by", APPROVER_REQUIRED)
        return cleaned


class RefuseForm(StyledForm):
    """A ruling not to accept (登记立案规定 art. 9). A template fills in the reasons and the basis, which
    the clerk may then rewrite."""

    template = forms.ChoiceField(
        label="理由模板",
        required=False,
        choices=[("", "（不用模板，自行填写）"), *((key, t[0]) for key, t in REFUSAL_TEMPLATES.items())],
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    reasons = forms.CharField(label="不予受理的理由", required=False, widget=_textarea(4))
    legal_basis = forms.CharField(label="法律依据", required=False, widget=_textarea(2))

    def clean(self):
        cleaned = super().clean()
        template = REFUSAL_TEMPLATES.get(cleaned.get("template") or "")
        for name, index, message in (("reasons", 1, NO_REFUSAL_REASON), ("legal_basis", 2, NO_LEGAL_BASIS)):
            if not cleaned.get(name, "").strip():
                if template:
                    cleaned[name] = template[index]
                else:
                    self.add_error(name, message)
        return cleaned


def refuse_initial(template_key: str | None) -> dict:
    template = REFUSAL_TEMPLATES.get(template_key or "")
    if template is None:
        return {}
    return {"template": template_key, "reasons": template[1], "legal_basis": template[2]}


class JurisdictionForm(StyledForm):
    competent_court = forms.CharField(
        label="有管辖权的法院",
        max_length=100,
        error_messages={"required": NO_COMPETENT_COURT},
        widget=forms.TextInput(attrs={"autofocus": True}),
    )
    reason = forms.CharField(
        label="不属本院管辖的原因", error_messages={"required": NO_REASON}, widget=_textarea(3)
    )


class WithdrawForm(StyledForm):
    reason = forms.CharField(
        label="撤回原因",
        error_messages={"required": NO_REASON},
        widget=_textarea(3, autofocus=True),
    )
