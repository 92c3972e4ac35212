"""The answering path on the real index: portraits, unknowns, unreadable input, history."""

import pytest

from caf_assistant.answers.service import answer_question
from caf_assistant.knowledge.editions import numbers_in
from caf_assistant.runtime import get_retriever


@pytest.fixture(scope="module")
def retriever():
    return get_retriever()


def test_a_named_department_with_a_portrait_is_answered_from_it(retriever):
    reply = answer_question(retriever, "combien d'allocataires dans la Loire ?")
    assert reply.kind == "answer" and reply.departement == "Loire"
    assert reply.answer.sources[0]["sheet_id"] == "loire-2020"


def test_the_remembered_department_is_used_for_a_local_question(retriever):
    reply = answer_question(retriever, "combien d'allocataires chez nous ?", departement_slot="Mayenne")
    assert reply.answer.sources[0]["sheet_id"] == "mayenne-2021"


def test_a_department_without_portrait_is_said_so(retriever):
    reply = answer_question(retriever, "combien d'allocataires dans le Finistère ?")
    assert reply.no_portrait_for == "Finistère" and "Finistère" not in retriever.departements_with_portrait()


def test_newest_edition_wins_and_older_figure_is_history(retriever):
    reply = answer_question(retriever, "c'est combien le bonus territoire par place ?")
    assert reply.kind == "answer" and "2 600" in reply.answer.text
    assert reply.answer.sources[0]["edition"] == 2022
    assert any(note["edition"] < 2022 and "2 100" in note["sentence"] for note in reply.answer.history)


def test_every_figure_of_an_answer_is_in_the_cited_chunk(retriever):
    chunks = {c.id: c for c in retriever.chunks}
    for question in ["aide pour créer un rpe", "montant aide bafa", "part de la population couverte par une ctg",
                     "combien de centres sociaux", "financement fonds de modernisation par place"]:
        reply = answer_question(retriever, question)
        if reply.kind != "answer":
            continue
        body = reply.answer.text.split("\nSource :")[0]
        assert numbers_in(body) <= numbers_in(chunks[reply.answer.chunk_id].text), question


@pytest.mark.parametrize("text", ["recette de la tartiflette", "résultat du match de l'ASSE",
                                  "procédure d'instruction d'un permis de construire"])
def test_questions_the_sheets_do_not_answer_get_unknown(retriever, text):
    assert answer_question(retriever, text).kind == "unknown"


@pytest.mark.parametrize("text", ["", "   ", "😀🎉👍", "\x00\x01\x1b", "!!!???"])
def test_unreadable_input_is_detected(retriever, text):
    assert answer_question(retriever, text).kind == "unreadable"


def test_a_huge_message_is_bounded_and_flagged(retriever):
    reply = answer_question(retriever, "aide pour créer une crèche " * 800)
    assert reply.truncated and reply.kind in ("answer", "unknown")


def test_a_follow_up_naming_another_offer_is_about_that_offer(retriever):
    query = retriever.analyse("et pour une Mam ?", "le bonus territoire c'est combien ?")
    assert query.follow_up and query.topics == {"maison_assistants_maternels"}
    assert "territoire" not in query.search_text and "combien" in query.search_text


def test_a_count_about_a_department_is_its_portrait_s_or_unknown(retriever):
    # the Loire portrait counts no centres sociaux: the national count is not given as the Loire's
    assert answer_question(retriever, "Combien y a-t-il de centres sociaux dans la Loire ?").kind == "unknown"
    # a town of a portrait names its department
    reply = answer_question(retriever, "pays de craon : on est combien d'habitants ?")
    assert reply.kind == "answer" and reply.answer.sources[0]["sheet_id"] == "mayenne-2021"


def test_a_question_of_knowledge_questions_left_out_is_not_matched_by_itself(retriever):
    # how the ranker is trained (benchmarks/answers/train_ranker.py): each question against the others
    question = retriever.index.questions[0]
    target = next(i for i, c in enumerate(retriever.chunks) if c.id == question.chunk_id)
    allowed = set(range(len(retriever.chunks)))
    analysed = retriever.analyse(question.text)
    seen = retriever._fused(analysed, allowed, None)
    hidden = retriever._fused(analysed, allowed, None, hidden=frozenset({0}))
    assert seen["questions"][target] > 0.99
    assert hidden["questions"].get(target, 0.0) < seen["questions"][target]
    assert hidden["question_lexical"].get(target, 0.0) < seen["question_lexical"][target]
    # and the cache of ordinary searches is not polluted by the left-out search
    assert retriever._fused(analysed, allowed, None)["questions"][target] == seen["questions"][target]


def test_a_phone_asked_without_a_department_is_the_one_every_portrait_gives(retriever):
    reply = answer_question(retriever, "c quoi le numero de tel de la caf ?")
    assert reply.kind == "answer" and "32 30" in reply.answer.text.replace("3230", "32 30")
    assert reply.answer.sources[0]["sheet_id"] in {c.sheet_id for c in retriever.chunks if c.departement}
    # with a department, that Caf's own number
    local = answer_question(retriever, "quel est le numéro de téléphone de la Caf de la Loire ?")
    assert local.kind == "answer" and local.answer.sources[0]["sheet_id"] == "loire-2020"


def test_an_offer_named_with_a_department_is_presented_by_the_sheet_on_that_offer(retriever):
    reply = answer_question(retriever, "La Caf de la Mayenne parle d'espace de vie sociale : c'est quoi exactement ?")
    assert reply.kind == "answer" and reply.departement == "Mayenne"
    assert reply.answer.topic in reply.query.topics


def test_a_figure_quoted_from_an_older_guide_is_answered_from_the_newest(retriever):
    reply = answer_question(retriever, "c tjs 250 000 € max pr creer un relais petite enfance ?")
    assert reply.kind == "answer" and reply.answer.sources[0]["edition"] == 2024


def test_a_broad_question_on_young_people_lists_their_offers(retriever):
    reply = answer_question(retriever, "maire d un village de 600 hab, qu est ce que la caf peut faire pr nos jeunes ?")
    topics = [offer["topic"] for offer in reply.answer.overview]
    assert {"ps_jeunes", "bafa"} <= set(topics[:3])


def test_a_follow_up_naming_no_topic_is_read_on_the_topic_answered_before(retriever):
    first = answer_question(retriever, "Combien la Caf verse-t-elle par an pour chaque nouvelle place de crèche créée "
                                       "dans le cadre de notre convention avec elle ?")
    assert first.answer.topic == "bonus_territoire"
    then = answer_question(retriever, "Et si la crèche est implantée dans un quartier prioritaire ?",
                           previous_question=first.query.asked, previous_topic=first.answer.topic)
    assert then.answer.topic == "bonus_territoire" and "3 600" in then.answer.text


def test_a_rule_asked_with_a_department_is_answered_from_the_passage_ranked_first_among_all(retriever):
    reply = answer_question(retriever, "c koi le plan rebond dont parle la caf de mayenne ?")
    assert reply.kind == "answer" and reply.departement == "Mayenne"
    assert "200 millions" in reply.answer.text  # the Plan rebond itself, not the portrait's first figures


def conversation(retriever, *turns):
    previous = topic = None
    for turn in turns:
        reply = answer_question(retriever, turn, previous_question=previous, previous_topic=topic)
        if reply.kind == "answer":
            previous, topic = reply.query.asked, reply.answer.topic
    return reply


def test_a_follow_up_naming_a_case_of_the_previous_offer_s_figures_refines_it(retriever):
    # the quartiers prioritaires are a topic of their own, and a case the bonus territoire gives a figure for
    reply = conversation(retriever, "Le bonus territoire, c'est combien par place et par an ?",
                         "Et si la crèche est dans un quartier prioritaire de la politique de la ville ?")
    assert reply.answer.topic == "bonus_territoire" and "3 600" in reply.answer.text


def test_a_follow_up_naming_another_public_turns_to_its_offer(retriever):
    reply = conversation(retriever, "Combien la Caf donne-t-elle par place aux crèches qui accueillent des enfants "
                                    "handicapés ?", "Et pour celles qui accueillent des enfants de familles pauvres ?")
    assert reply.answer.topic == "bonus_mixite_sociale"


def test_a_count_asked_of_a_portrait_is_the_figure_written_before_its_noun(retriever):
    # the portrait's « Allocataires » heading gives the benefits paid; « Nos allocataires » gives their number
    reply = answer_question(retriever, "Il y a quel nombre d'allocataires à la Caf de la Loire ?")
    assert reply.kind == "answer" and "155 609" in reply.answer.text


def test_a_broad_question_with_a_department_lists_the_offers_not_a_portrait_line(retriever):
    reply = answer_question(retriever, "Maire d'une commune de 600 habitants dans le Pays de Craon, qu'est-ce que la "
                                       "Caf peut concrètement faire pour ma commune ?")
    assert reply.kind == "answer" and reply.answer.topic == "overview"
    from caf_assistant.answers.overview import FAMILY_OF
    assert "ctg" in [FAMILY_OF[offer["topic"]] for offer in reply.answer.overview]


def test_a_follow_up_naming_another_offer_is_answered_from_that_offer(retriever):
    reply = conversation(retriever, "Combien de centres sociaux sont agréés par les Caf en France ?",
                         "Et les espaces de vie sociale ?")
    assert reply.answer.topic == "espaces_de_vie_sociale"
    reply = conversation(retriever, "Quelle enveloppe nationale pour le Piaje ?", "et pour le fonds de modernisation ?")
    assert reply.answer.topic == "fonds_modernisation"
    # a word the previous offer's name holds is no turn: « combien d'assistants maternels ? » after the Mam
    reply = conversation(retriever, "C'est quoi une Mam ?", "ça regroupe combien d'assistants maternels au maximum ?")
    assert reply.query.turned_to == frozenset()
