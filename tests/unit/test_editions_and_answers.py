from dataclasses import replace
from pathlib import Path

from caf_assistant.answers.compose import compose_answer
from caf_assistant.answers.newest import prefer_newest
from caf_assistant.answers.sentences import select_units, split_units
from caf_assistant.knowledge.chunking import chunk_sheets
from caf_assistant.knowledge.editions import history_notes, newest_version, numbers_in
from caf_assistant.knowledge.sheets import load_sheets
from caf_assistant.retrieval.analysis import Query, analyse
from caf_assistant.retrieval.retriever import ScoredChunk
from caf_assistant.retrieval.settings import RetrievalSettings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sheets"
CHUNKS = chunk_sheets(load_sheets(FIXTURES))
BY_ID = {c.id: c for c in CHUNKS}
OLD = BY_ID["demo-2020/bonus_territoire/le-bonus-territoire"]
NEW = BY_ID["demo-2022/bonus_territoire/le-bonus-territoire"]
BAFA = BY_ID["demo-2022/bafa/le-bafa"]


SETTINGS = RetrievalSettings(answer_max_words=80, min_dense_similarity=0.8, min_term_coverage=0.3)


def hit(chunk, rank, dense=0.9):
    return ScoredChunk(chunk=chunk, score=1 / rank, dense_similarity=dense, lexical_score=1.0, rank=rank)


def test_numbers_are_read_with_french_spacing():
    assert numbers_in("2 600 euros, 91,47 euros et 3 600 €") == {"2600", "91,47", "3600"}


def test_newest_edition_on_the_same_topic_wins():
    assert prefer_newest([OLD, BAFA, NEW], "bonus territoire") is NEW


def test_newer_edition_that_does_not_cover_the_question_does_not_hide_the_older():
    mountains = replace(OLD, text=OLD.text + " Il est majoré pour les crèches des communes de montagne.")
    assert prefer_newest([mountains, NEW], "bonus territoire majoré crèches communes montagne") is mountains


def test_a_figure_quoted_from_an_older_edition_asks_for_the_newest():
    # the quoted figure matches the older edition's words; it is what the official wants checked
    assert prefer_newest([OLD, NEW], "bonus territoire forfait 2 100") is NEW
    assert prefer_newest([OLD, NEW], "c tjs 2 100 € le bonus territoire ?") is NEW


def test_a_year_quoting_an_older_guide_is_not_a_year_asked_for():
    assert analyse("Dans un guide de 2020 je lis 2 100 € pour le bonus territoire, est-ce le chiffre à retenir ?").year is None
    assert analyse("Le guide de 2020 disait 2 100 €, c'est d'actualité ?").year is None
    assert analyse("et en 2020 ?").year == 2020


def test_history_shows_the_older_figure_of_the_same_sentence():
    units = select_units(NEW.text, "bonus territoire par place")
    notes = history_notes(units, NEW, CHUNKS, split_units)
    assert notes and notes[0].edition == 2020 and "2 100" in notes[0].sentence


def test_selected_sentences_answer_and_stay_short():
    units = select_units(NEW.text, "bonus territoire quartier prioritaire", max_words=80)
    assert any("3 600" in u for u in units)
    assert sum(len(u.split()) for u in units) <= 80


def test_answer_cites_sheet_publisher_and_edition_and_invents_no_figure():
    answer = compose_answer("bonus territoire par place", [hit(OLD, 1), hit(NEW, 2)], CHUNKS, SETTINGS)
    assert answer.kind == "answer" and answer.chunk_id == NEW.id
    assert "Cnaf, édition 2022" in answer.text and "Historique" in answer.text
    body = answer.text.split("\nSource")[0]
    assert numbers_in(body) <= numbers_in(NEW.text)


def test_below_the_thresholds_the_answer_is_unknown():
    assert compose_answer("piscine municipale", [hit(BAFA, 1, dense=0.7)], CHUNKS, SETTINGS).kind == "unknown"
    assert compose_answer("piscine municipale", [hit(BAFA, 1, dense=0.95)], CHUNKS, SETTINGS).kind == "unknown"
    assert compose_answer("anything", [], CHUNKS, SETTINGS).kind == "unknown"


def test_a_figure_not_in_the_best_passage_is_looked_for_below_it_in_the_topics_asked_only():
    text = BY_ID["demo-2020/creches_chiffres/en-chiffres"]
    count = "combien de relais avec le bonus territoire ?"
    # the passage that counts relais is found below one that does not, when the question names its topic
    answer = compose_answer(Query(**{**analyse(count).__dict__, "topics": frozenset({"creches_chiffres"})}),
                            [hit(NEW, 1, dense=0.95), hit(text, 2)], CHUNKS, SETTINGS)
    assert answer.kind == "answer" and answer.chunk_id == text.id
    # a passage of another topic, not named, is not taken instead: « je ne sais pas »
    assert compose_answer(count, [hit(NEW, 1, dense=0.95), hit(text, 2)], CHUNKS, SETTINGS).kind == "unknown"
    # nor one the ranker doubts; one it finds answering in its own right is (« par place pour créer une crèche »
    # ranked just below the Fonds de modernisation)
    ranked = replace(SETTINGS, min_confidence=0.5)
    doubted = [replace(hit(NEW, 1, dense=0.95), confidence=0.7), replace(hit(text, 2), confidence=0.2)]
    assert compose_answer(count, doubted, CHUNKS, ranked).kind == "unknown"
    trusted = [doubted[0], replace(doubted[1], confidence=0.6)]
    answer = compose_answer(count, trusted, CHUNKS, ranked)
    assert answer.kind == "answer" and answer.chunk_id == text.id


def test_a_count_asked_for_is_answered_by_the_newest_edition_of_the_section_that_counts():
    def chunk(sheet, edition, section, text):
        return replace(BAFA, id=f"{sheet}/{section}", sheet_id=sheet, edition=edition, topic="crise_sanitaire",
                       heading_path=("Crise", section), text=text)
    counted = chunk("a-2020", 2020, "aides", "Des aides en faveur des 12 500 crèches concernées.")
    newer = replace(counted, id="b-2021/aides", sheet_id="b-2021", edition=2021)
    other = chunk("b-2021", 2021, "maintien", "Une aide exceptionnelle de 200 euros aux jeunes et aux crèches.")
    question = "Pendant la crise, combien de crèches étaient concernées par les aides ?"
    # a count is a figure: the newer edition of the section that counts answers, not another section's sum
    assert prefer_newest([counted, newer, other], question).id == newer.id
    # a year is not a count
    undated = replace(newer, text="Depuis 2020, des aides en faveur des crèches concernées.")
    assert prefer_newest([counted, undated], question).id == counted.id


def test_a_year_asked_for_answers_from_that_edition():
    assert prefer_newest([NEW, OLD], "et en 2020 ?").edition == 2020
    assert prefer_newest([NEW, OLD], "le bonus territoire de 2020 est-il toujours le même ?") is NEW


def test_the_newest_version_of_a_passage_is_found_across_headings():
    assert newest_version(OLD, CHUNKS) is NEW
    assert newest_version(BAFA, CHUNKS) is BAFA


def test_an_overview_lists_one_line_per_family_of_offers_with_its_source():
    from caf_assistant.answers.overview import compose_overview
    from caf_assistant.retrieval.analysis import analyse

    query = analyse("que peut faire la caf pour nous ?")
    answer = compose_overview(query, [hit(OLD, 1), hit(NEW, 2), hit(BAFA, 3)], CHUNKS)
    lines = answer.text.splitlines()
    assert len(lines) == 2 and all(line.startswith("- ") and "édition" in line for line in lines)
    assert [item["topic"] for item in answer.overview] == ["bonus_territoire", "bafa"]
    assert answer.sources[0]["edition"] == 2022  # the newest edition of the family's section


def test_no_overview_without_an_offer_among_the_passages():
    from caf_assistant.answers.overview import compose_overview
    from caf_assistant.retrieval.analysis import analyse

    others = [c for c in CHUNKS if c.topic not in ("bonus_territoire", "bafa")]
    assert compose_overview(analyse("que peut faire la caf ?"), [hit(c, i + 1) for i, c in enumerate(others)], CHUNKS) is None


def test_a_dated_figure_gets_history_only_in_its_own_topic():
    from caf_assistant.answers.history import parameter_history

    real = chunk_sheets(load_sheets())  # the sheets of knowledge/ (no index needed)
    psu = next(c for c in real if c.sheet_id == "cnaf-vademecum-2022" and c.topic == "psu")
    bafa = next(c for c in real if c.sheet_id == "cnaf-vademecum-2022" and c.topic == "bafa")
    # 37 % is the newest Psu share (knowledge/parameters/psu/part_cout_place.yaml), 36 % the older one
    notes = parameter_history(["En moyenne, la Psu prend en charge 37 % du coût d'une place."], psu, real, set())
    assert notes and "36 %" in notes[0].sentence and notes[0].edition < 2022
    assert parameter_history(["La Caf finance 37 % de la formation."], bafa, real, set()) == []


def test_an_overview_keeps_a_line_for_the_ctg_the_frame_of_all_offers():
    from caf_assistant.answers.overview import OVERVIEW_TOPICS, compose_overview
    from caf_assistant.retrieval.analysis import analyse

    real = chunk_sheets(load_sheets())
    offers = [c for c in real if c.sheet_id == "cnaf-vademecum-2022" and c.departement is None
              and c.topic in ("creche_investissement", "relais_petite_enfance", "maison_assistants_maternels",
                              "accueils_de_loisirs", "ps_jeunes", "centres_sociaux", "laep")]
    ctg = next(c for c in real if c.sheet_id == "cnaf-vademecum-2022" and c.topic == "ctg")
    ranked = [hit(c, i + 1) for i, c in enumerate(offers + [ctg])]  # the Ctg ranked last
    answer = compose_overview(analyse("que peut faire la Caf pour les familles ?"), ranked, real)
    topics = [item["topic"] for item in answer.overview]
    assert len(topics) == OVERVIEW_TOPICS and "ctg" in topics


def test_a_reply_carries_the_sentence_it_needs_and_not_the_sheet_s_own_questions():
    text = ("Vous avez besoin d'animateurs qualifiés pour soutenir les projets des jeunes ? "
            "La PS Jeunes cofinance ces postes.\n\n"
            "Les jeunes de votre territoire ont des projets ? La Caf peut les soutenir.")
    units = select_units(text, "la PS Jeunes finance quoi ?", heading="La PS Jeunes")
    assert "La PS Jeunes cofinance ces postes." in units and units[0].startswith("Vous avez besoin")  # points back
    text = ("Vous accueillez des familles avec de jeunes enfants ? Vous souhaitez former vos jeunes au Bafa ? "
            "La convention territoriale globale (Ctg) est une démarche fondée sur le partenariat avec la Caf.")
    assert select_units(text, "c'est quoi la Ctg ?", heading="La Ctg") == [
        "La convention territoriale globale (Ctg) est une démarche fondée sur le partenariat avec la Caf."]
    text = ("Établir une Ctg à l'échelle d'une intercommunalité ne signifie pas que cette dernière doit détenir des "
            "compétences petite enfance. Chaque commune adhère conformément à ses compétences.\n\n"
            "Fin 2021, 61 % de la population habitaient sur un territoire signataire d'une Ctg.")
    units = select_units(text, "une intercommunalité sans la compétence petite enfance peut-elle signer une Ctg ?",
                         heading="La Ctg")
    assert "Chaque commune adhère conformément à ses compétences." in units  # the paragraph's short ending


def test_a_definition_is_a_statement_that_goes_on_where_it_points_back():
    text = ("Vous souhaitez proposer des sessions d'apprentissage du numérique pour faciliter l'accès aux droits ?\n\n"
            "La convention territoriale globale (Ctg) est une démarche fondée sur le partenariat avec la Caf. Ces "
            "services, définis d'après le diagnostic des besoins, couvrent la petite enfance et la jeunesse. "
            "Elle est signée pour quatre ans.\n\nFin 2021, 61 % de la population habitaient sur un territoire "
            "signataire d'une Ctg.")
    units = select_units(text, analyse("pouvez-vous m'expliquer de quoi il s'agit, la « Ctg » ?"), heading="La Ctg")
    # the sheet's question to its reader « proposes » nothing; the definition comes with the sentence that
    # carries it on (« Ces services… »), not with the next paragraph's figure
    assert units[0].startswith("La convention territoriale globale") and any(u.startswith("Ces services") for u in units)
    assert not any("61 %" in u or u.endswith("?") for u in units)


def test_a_question_reads_first_the_unit_the_sheet_labels_with_what_it_asks():
    text = ("Comment la Caf vous accompagne : La Caf soutient le financement et la fonction de chargé de coopération "
            "au sein des collectivités ou des associations. Enveloppe financière : Les Caf consacrent 90 M€ par an au "
            "financement de 4 580 chargés de coopération. Ce qui est proposé concrètement : La Caf contribue au "
            "financement des postes et peut contribuer au recrutement des chargés de coopération. Qui est concerné : "
            "Les collectivités signataires d'une CTG avec la Caf.")
    heading = "Dispositif : Convention territoriale globale et chargés de coopération"
    who = select_units(text, analyse("Qui peut bénéficier du financement des chargés de coopération ?"),
                       heading=heading, max_words=12)
    assert [u[:16] for u in who] == ["Qui est concerné"]
    how = select_units(text, analyse("Comment la Caf peut nous aider pour un chargé de coopération ?"),
                       heading=heading, max_words=12)
    assert not any(u.startswith("Qui est concerné") for u in how)


def test_an_overview_of_one_offer_lists_its_aids_each_from_the_newest_sheet_that_presents_it():
    from caf_assistant.answers.overview import compose_overview, offers_named
    real = chunk_sheets(load_sheets())
    creches = [c for c in real if c.departement is None and c.topic in (
        "creche_investissement", "fonds_modernisation", "psu", "bonus_territoire", "relais_petite_enfance")]
    older = [c for c in creches if c.edition < 2024]
    newer = [c for c in creches if c.edition == 2024]
    ranked = [hit(c, i + 1) for i, c in enumerate(older + newer)]  # the 2022 sheet's sections ranked first
    question = analyse("le volet petite enfance : un panorama des financements de la Caf pour les crèches ?")
    answer = compose_overview(replace(question, broad=True), ranked, real)
    topics = [item["topic"] for item in answer.overview]
    # the crèches named: their aids take the lines, before the relais of the petite enfance
    assert set(topics[:4]) == {"creche_investissement", "fonds_modernisation", "psu", "bonus_territoire"}
    # each from the newest sheet that presents it, wherever retrieval ranked it
    assert {s["edition"] for s in answer.sources} == {2024}
    # « pas de crèche » names a lack, not the subject
    assert offers_named("petite commune, pas de crèche, des jeunes couples arrivent") == []


def test_an_overview_line_offers_something_it_does_not_state_the_need():
    from caf_assistant.answers.overview import compose_overview
    real = chunk_sheets(load_sheets())
    assmat = [c for c in real if c.sheet_id == "cnaf-sppe-2024" and c.topic in ("assistants_maternels",
                                                                                   "maison_assistants_maternels")]
    assmat.sort(key=lambda c: c.section != "Constat")  # the need ranked first
    question = analyse("nos nounous partent à la retraite, que peut faire la Caf pour nous ?")
    answer = compose_overview(replace(question, broad=True), [hit(c, i + 1) for i, c in enumerate(assmat)], real)
    assert answer.overview and all(item["title"] not in ("Constat", "Besoin") for item in answer.overview)


def test_a_statistic_stated_in_passing_moves_the_answer_only_when_asked_about():
    from caf_assistant.answers.superseded import superseding
    real = chunk_sheets(load_sheets())
    figures = next(c for c in real if c.sheet_id == "cnaf-vademecum-2022" and c.topic == "creches_chiffres")
    units = split_units(figures.text)
    # « 421 000 places de crèche » (2022) is 500 000 in the 2024 sheet's national figures
    moved = superseding(units, figures, "combien de places de crèche y a-t-il en France ?")
    assert moved is not None and (moved.sheet, moved.heading) == (
        "cnaf-sppe-2024", "Chiffres nationaux sur l'offre en mode d'accueil")
    # a question about the plans crèches' places is answered where it is, the list's other figures aside
    assert superseding(units, figures, "combien de places créées grâce aux plans crèches depuis 20 ans ?") is None


def test_when_the_ranker_is_unsure_of_all_passages_a_nearly_as_confident_one_is_looked_at():
    from caf_assistant.answers.compose import fallback_starts
    first, other = BAFA, next(c for c in CHUNKS if c.topic == "creches_chiffres")
    far = next(c for c in CHUNKS if c.topic == "portrait_allocataires")
    hits = [replace(hit(first, 1), confidence=0.17), replace(hit(other, 2), confidence=0.15),
            replace(hit(far, 3), confidence=0.02)]
    assert fallback_starts(analyse("quelle part de la population ?"), hits, min_confidence=0.5) == [0, 1]
    assert fallback_starts(analyse("quelle part de la population ?"), hits) == [0]
