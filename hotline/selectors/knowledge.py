"""The knowledge base the agent answers from (舞钢规范第十一条: procedural questions answered directly)."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from hotline.models import KnowledgeAnswer

SEARCH_LIMIT = 10


def knowledge_answers_for_user(*, user) -> QuerySet[KnowledgeAnswer]:
    """Active answers the user's court may use: shared ones (no court) and its own."""
    return KnowledgeAnswer.objects.filter(Q(court__isnull=True) | Q(court_id=user.court_id), active=True)


def knowledge_search(*, user, q: str) -> list[KnowledgeAnswer]:
    """Answers whose question, keywords or answer contain every word of `q`; own court's first."""
    words = q.split()
    if not words:
        return []
    answers = knowledge_answers_for_user(user=user)
    for word in words[:5]:
        answers = answers.filter(
            Q(question__icontains=word) | Q(keywords__icontains=word) | Q(answer__icontains=word)
        )
    # Answers whose question names the words come before those that only mention them.
    in_question = Q()
    for word in words[:5]:
        in_question &= Q(question__icontains=word) | Q(keywords__icontains=word)
    answers = answers.annotate(
        rank=Case(When(in_question, then=Value(0)), default=Value(1), output_field=IntegerField())
    )
    return list(answers.order_by("rank", "court_id", "topic", "question")[:SEARCH_LIMIT])


def knowledge_answer_get_for_user(*, pk: int, user) -> KnowledgeAnswer | None:
    return knowledge_answers_for_user(user=user).filter(pk=pk).first()
