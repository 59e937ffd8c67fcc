"""The configuration of assignment in the admin: a court's administrator sees and chooses only their own
court's departments and judges; the assignments themselves are read only."""

from django.urls import reverse

from filing.models import DepartmentCaseType, JudgeAbsence


def test_the_court_administrator_configures_only_their_own_court(client, demo_users):
    client.force_login(demo_users["wg_sysadmin"])
    scope = client.get(reverse("admin:filing_departmentcasetype_changelist"))
    assert scope.status_code == 200
    shown = {row.pk for row in scope.context["cl"].result_list}
    assert shown == set(
        DepartmentCaseType.objects.filter(department__court__code="豫0481").values_list("pk", flat=True)
    )
    assert shown  # the default scope of fixtures/department_case_types.json

    form = client.get(reverse("admin:filing_judgeabsence_add")).context["adminform"].form
    judges = set(form.fields["judge"].queryset.values_list("username", flat=True))
    assert "wg_judge" in judges and "gc_judge" not in judges

    # Posting another court's judge anyway is refused by the form; nothing is saved.
    response = client.post(
        reverse("admin:filing_judgeabsence_add"),
        {
            "judge": demo_users["gc_judge"].pk,
            "starts_on": "2026-03-02",
            "ends_on": "2026-03-06",
            "kind": "leave",
        },
    )
    assert response.status_code == 200 and not JudgeAbsence.objects.exists()
    response = client.post(
        reverse("admin:filing_judgeabsence_add"),
        {
            "judge": demo_users["wg_judge"].pk,
            "starts_on": "2026-03-02",
            "ends_on": "2026-03-06",
            "kind": "leave",
        },
    )
    assert response.status_code == 302 and JudgeAbsence.objects.get().judge == demo_users["wg_judge"]


def test_an_absence_cannot_end_before_it_starts(client, demo_users):
    client.force_login(demo_users["wg_sysadmin"])
    response = client.post(
        reverse("admin:filing_judgeabsence_add"),
        {
            "judge": demo_users["wg_judge"].pk,
            "starts_on": "2026-03-06",
            "ends_on": "2026-03-02",
            "kind": "leave",
        },
    )
    assert response.status_code == 200 and not JudgeAbsence.objects.exists()
    assert "结束日期不能早于开始日期。" in response.content.decode()


def test_assignments_are_read_only_in_the_admin(client, demo_users):
    client.force_login(demo_users["wg_sysadmin"])
    assert client.get(reverse("admin:filing_assignment_changelist")).status_code == 200
    assert client.get(reverse("admin:filing_assignment_add")).status_code == 403
