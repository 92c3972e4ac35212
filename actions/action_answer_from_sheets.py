from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.estimate_common import hand_to_estimate
from actions.handoff_common import after_answer
from actions.replies import latest_entity, send_reply
from caf_assistant.answers.departements import explicit_departement
from caf_assistant.answers.service import answer_question
from caf_assistant.runtime import get_retriever


class ActionAnswerFromSheets(Action):
    """Answers from the sheets through retrieval, or says honestly that it does not know."""

    def name(self) -> str:
        return "action_answer_from_sheets"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        handed = hand_to_estimate(tracker)
        if handed:
            return handed  # a project's figures: the estimate, not a passage
        text = tracker.latest_message.get("text")
        reply = answer_question(get_retriever(), text,
                                departement_entity=explicit_departement(latest_entity(tracker, "departement"), text),
                                departement_slot=tracker.get_slot("departement"),
                                previous_question=tracker.get_slot("previous_question"),
                                previous_topic=tracker.get_slot("previous_topic"))
        failed = 0.0 if reply.kind == "answer" else float(tracker.get_slot("failed_answers") or 0) + 1
        handoff = after_answer(dispatcher, tracker, failed)  # open ticket's notice; handoff after 2 failures
        send_reply(dispatcher, reply)
        events = [SlotSet("failed_answers", failed), *handoff]
        if reply.departement:
            events.append(SlotSet("departement", reply.departement))
        if reply.kind == "answer" and reply.query is not None:
            events.append(SlotSet("previous_question", reply.query.asked))
            events.append(SlotSet("previous_topic", reply.answer.topic))
        return events
