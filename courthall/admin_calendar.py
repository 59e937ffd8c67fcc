"""The holiday table's admin: where a court keeps public holidays and make-up working days (调休) current.

Every deadline reads this table (courthall.deadlines). chinesecalendar seeded 2004–2026; each later year
has to be entered here from the State Council General Office's notice (国务院办公厅关于××年部分节假日安排的
通知), usually published in November or December for the next year.
"""

from datetime import date, timedelta

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from courthall.deadlines import years_without_data
from courthall.holidays import years_with_data
from courthall.models import Holiday

MISSING_YEAR_WARNING = (
    "{year} 年的节假日数据尚未录入：该年度的期限暂按“仅周末休息”计算，"
    "请尽快按国务院办公厅通知录入节假日和调休安排。"
)
RANGE_BEFORE_START = "“至”不能早于开始日期。"
RANGE_TOO_LONG = "一次最多录入 {days} 天；更长的假期请分段录入。"
RANGE_DATES_TAKEN = "以下日期已有记录，请先修改或删除：{dates}。"
RANGE_SAVED = "已录入 {first:%Y-%m-%d} 至 {last:%Y-%m-%d} 共 {count} 天（{kind}，{name}）。"

# The longest run in the State Council's notices is 10 days (2020 Spring Festival, extended); a month
# is a typing mistake.
MAX_RANGE_DAYS = 31

WEEKDAY_NAMES = "一二三四五六日"


class YearFilter(admin.SimpleListFilter):
    title = "年度"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(year), f"{year} 年") for year in sorted(years_with_data(), reverse=True)]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


class HolidayRangeAddForm(forms.ModelForm):
    """The add form: one day, or a whole span as the notice states it (“2月15日至23日放假”)."""

    last_date = forms.DateField(
        label="至（含）",
        required=False,
        help_text=(
            "录入连续多天（如春节 2 月 15 日至 23 日）时填写最后一天，每天生成一条记录；留空则只录入一天。"
        ),
    )

    class Meta:
        model = Holiday
        fields = ["date", "last_date", "kind", "name"]

    def clean(self):
        cleaned_data = super().clean()
        first, last = cleaned_data.get("date"), cleaned_data.get("last_date")
        if first and last:
            if last < first:
                self.add_error("last_date", RANGE_BEFORE_START)
            elif (last - first).days + 1 > MAX_RANGE_DAYS:
                self.add_error("last_date", RANGE_TOO_LONG.format(days=MAX_RANGE_DAYS))
            else:
                taken = Holiday.objects.filter(date__range=(first + timedelta(days=1), last))
                if taken:
                    dates = "、".join(f"{row.date:%Y-%m-%d}" for row in taken)
                    self.add_error("last_date", RANGE_DATES_TAKEN.format(dates=dates))
        return cleaned_data

    def extra_days(self) -> list[date]:
        """The days after the first one that the span adds (empty for a single day)."""
        first, last = self.cleaned_data["date"], self.cleaned_data.get("last_date")
        if not last:
            return []
        return [first + timedelta(days=offset) for offset in range(1, (last - first).days + 1)]


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "weekday", "kind", "name"]
    list_filter = [YearFilter, "kind"]
    search_fields = ["name"]
    date_hierarchy = "date"
    # The years being entered and checked are the latest ones.
    ordering = ["-date"]
    add_form = HolidayRangeAddForm

    @admin.display(description="星期", ordering="date")
    def weekday(self, obj: Holiday) -> str:
        return f"星期{WEEKDAY_NAMES[obj.date.weekday()]}"

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            return
        extra_days = form.extra_days()
        for day in extra_days:
            # One save per day (at most MAX_RANGE_DAYS), so each row has its history entry with the user.
            Holiday.objects.create(date=day, kind=obj.kind, name=obj.name)
        if extra_days:
            messages.info(
                request,
                RANGE_SAVED.format(
                    first=obj.date,
                    last=extra_days[-1],
                    count=len(extra_days) + 1,
                    kind=obj.get_kind_display(),
                    name=obj.name or "未命名",
                ),
            )

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            # Warn about this year and the next: the next year's notice usually appears in November or
            # December, and deadlines running into January need it.
            this_year = timezone.localdate().year
            for year in years_without_data(date(this_year, 1, 1), date(this_year + 1, 12, 31)):
                messages.warning(request, MISSING_YEAR_WARNING.format(year=year))
        return super().changelist_view(request, extra_context)
