"""SMS spellings spelled out before analysis: pure function."""

from caf_assistant.retrieval.analysis import analyse
from caf_assistant.retrieval.spelling import spell_out


def test_sms_spellings_are_written_in_full():
    assert spell_out("une ctg ca nous engage sur cb d annees ?") == "une ctg ca nous engage sur combien d annees ?"
    assert spell_out("c koi la psu pr une creche") == "c'est quoi la psu pour une creche"
    assert spell_out("C tjs 250 000 € ?") == "c'est toujours 250 000 € ?"


def test_words_and_names_are_left_alone():
    text = "Le vitamine-c ; l'enfant ki-dou"
    assert spell_out("C'est pour qui ?") == "C'est pour qui ?"
    assert spell_out("la Caf de la Loire") == "la Caf de la Loire"
    assert "ki-dou" in spell_out(text) and "vitamine-c" in spell_out(text)


def test_the_question_type_is_read_from_the_spelled_out_text():
    assert analyse(spell_out("une ctg ca nous engage sur cb d annees ?")).question_type == "duration"
    assert analyse(spell_out("c ki mon interlocuteur")).question_type == "who"
    assert analyse(spell_out("ct quoi une mam ? on m en a parle")).question_type == "definition"

