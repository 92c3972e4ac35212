from caf_assistant.retrieval.fusion import reciprocal_rank_fusion
from caf_assistant.retrieval.lexical import BM25Index
from caf_assistant.text import clean_user_text, content_terms


def test_french_stemming_matches_inflections_and_missing_accents():
    assert set(content_terms("crèches")) == set(content_terms("creche"))
    assert "bonus" in " ".join(content_terms("les bonus territoriaux"))


def test_bm25_ranks_the_document_with_the_query_terms_first():
    index = BM25Index.build(["le bonus territoire des crèches", "le Bafa des jeunes", "les centres sociaux"])
    assert index.search("bafa jeune", k=3)[0][0] == 1
    assert index.search("bonus territoire", k=1)[0][0] == 0
    assert index.search("piscine", k=3) == []


def test_bm25_round_trips_through_json():
    index = BM25Index.build(["un deux", "deux trois"])
    assert BM25Index.from_dict(index.to_dict()).scores("deux") == index.scores("deux")


def test_reciprocal_rank_fusion_rewards_agreement():
    fused = reciprocal_rank_fusion([[1, 2, 3], [2, 1, 4]], k=60)
    assert {fused[0][0], fused[1][0]} == {1, 2}
    assert fused[-1][0] in (3, 4)
    weighted = reciprocal_rank_fusion([[1], [2]], k=60, weights=[1.0, 2.0])
    assert weighted[0][0] == 2


def test_user_text_is_cleaned_and_bounded():
    assert clean_user_text("a\x00b<script>x</script>") == "a b x"
    assert len(clean_user_text("x" * 10000)) == 2000


def test_the_section_kind_read_from_the_heading_matches_the_question():
    from caf_assistant.retrieval.analysis import analyse
    from caf_assistant.retrieval.features import kind_match, section_kind
    assert section_kind(("Piaje", "Plan d'investissement (Piaje) : exemple chiffré")) == "example"
    assert section_kind(("Mam", "Maisons d'assistants maternels (MAM) : montants")) == "amounts"
    assert section_kind(("Clas", "En chiffres")) == "figures"
    assert section_kind(("Mam", "Maisons d'assistants maternels (MAM)")) == ""
    assert kind_match(analyse("combien pour une Mam ?"), "amounts", "maison_assistants_maternels") == 1.0
    assert kind_match(analyse("c'est quoi une Mam ?"), "amounts", "maison_assistants_maternels") == -1.0
    assert kind_match(analyse("c'est quoi une Mam ?"), "", "maison_assistants_maternels") == 1.0
    assert kind_match(analyse("vous avez un exemple pour une Mam ?"), "example", "maison_assistants_maternels") == 1.0
    assert kind_match(analyse("quel numéro appeler ?"), "", "portrait_contacts") == 1.0


def test_dense_similarities_are_every_row_in_row_order():
    import numpy as np

    from caf_assistant.retrieval.dense import DenseIndex
    vectors = np.random.default_rng(7).normal(size=(50, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = DenseIndex.build(vectors)
    query = vectors[3] + 0.1 * vectors[9]
    scores = index.similarities(query)
    assert scores.shape == (50,)
    assert np.allclose(scores, vectors @ query, atol=1e-5)
    assert index.search(query, 1)[0][0] == int(np.argmax(scores))


def test_reference_texts_are_asked_for_by_name_not_by_a_word_that_contains_one():
    from caf_assistant.retrieval.analysis import analyse
    from caf_assistant.retrieval.features import asks_for_texts
    assert asks_for_texts(analyse("où lire la circulaire sur le fonds de modernisation ?"))
    assert asks_for_texts(analyse("il y a un site officiel pour le Plan mercredi ?"))
    # « une note de contexte » asks for no text of reference
    assert not asks_for_texts(analyse("je prépare une note de contexte : combien de communes dans la Loire ?"))


def test_the_kind_of_fact_asked_is_read_in_the_question_not_in_its_context():
    from caf_assistant.retrieval.analysis import question_type
    # « chiffres » in an aside, « qui » in the question
    assert question_type("Pour le dossier (pièces à fournir, vérification des chiffres), qui est notre "
                         "interlocuteur à la Caf ?") == "who"
    assert question_type("Je prépare une note avec les chiffres du budget. C'est quoi la Ctg ?") == "definition"
    # without a « ? », the whole message
    assert question_type("combien pour le bonus territoire") == "amount"


def test_question_words_as_people_write_them():
    from caf_assistant.retrieval.analysis import question_type
    assert question_type("On ouvre déjà le mercredi. Est-ce qu'on peut quand même toucher le Plan mercredi ?") \
        == "condition"  # « quand même » asks no date
    assert question_type("Concrètement, qu'est-ce qu'on attend de nous ?") == "definition"
    assert question_type("quand est-ce que ça commence ?") == "when"


def test_a_reference_list_first_goes_after_a_passage_nearly_as_answering():
    from caf_assistant.retrieval.retriever import references_after_answer
    topics = ["textes_reference", "plan_mercredi", "ctg"]
    ranked = [(0, 3.0), (1, 2.0), (2, 1.0)]
    assert [i for i, _ in references_after_answer(ranked, topics, {0: 0.36, 1: 0.25, 2: 0.01}, False)] == [1, 0, 2]
    # far less answering: the reference list stays first; asked for texts: too
    assert references_after_answer(ranked, topics, {0: 0.38, 1: 0.02, 2: 0.01}, False) == ranked
    assert references_after_answer(ranked, topics, {0: 0.36, 1: 0.25, 2: 0.01}, True) == ranked
