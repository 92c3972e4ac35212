"""Runs Rasa's command line (`rasa run ...`) in the Rasa environment (.venv-rasa), with two measured fixes.

`.venv-rasa/bin/python -m caf_assistant.rasa_server run --model ...` is `rasa run --model ...` except that:

- the action server's reply is checked against Rasa's response schema with a validator built once:
  Rasa 3.6 calls ``jsonschema.validate``, which first re-checks the (large) schema itself against the JSON
  Schema meta-schema: 22 ms on every action call here, against 0.3 ms for the same check with a built
  validator (benchmarks/RESULTS.md, issue 9). The check itself is unchanged;
- SpacyNLP honours ``exclude`` in config.yml, the spaCy pipes not to load: the pipeline reads spaCy's
  tokens and word vectors, and the French model's tagger, lemmatizer and entity recogniser cost 6 ms of
  every message (benchmarks/nlu_split_eval.sh measured what their absence does to the intents);
- every user message is screened before anything reads or stores it (`caf_assistant.message_screening`):
  cut to a bounded length (the bot says so first, with the domain's `utter_too_long`), invisible
  characters dropped, and Rasa's ``/intent{...}`` syntax kept only for the bot's own buttons;
- a session longer than ``CAF_MAX_SESSION_EVENTS`` events (800) starts again, so that what Rasa reads on
  every turn stays bounded;
- when the conversation cannot be read or saved (database unavailable), the bot says so in French, and
  does not answer from a conversation kept in one process's memory as Rasa's fail-safe store would;
- when the action server cannot be reached or fails, the bot says so in French (the domain's
  ``utter_service_unavailable``) instead of sending nothing; the conversation goes on and what the user
  wrote stays in the tracker store. A form's validation rejection is still Rasa's own;
- a cancelled hand-off leaves no personal data in the tracker store (`caf_assistant.handoff.erasure`);
- the structured logs never hold what users typed (`caf_assistant.log_privacy`);
- the trained DIET model is loaded for prediction, not by fitting one example as Rasa does (36 → 16 s to load
  here, same predictions: `benchmarks/model_load.py`);
- the channels' webhooks take JSON only (no cross-site form posts through visitors' browsers), and the
  REST channel a message with its own conversation id (never Rasa's shared « default » one).

Only Rasa and spaCy are imported here: this module runs in Rasa's environment, not the application's.
"""

from __future__ import annotations

import sys


def validate_replies_with_a_built_validator() -> None:
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    validator = validator_for(schema)(schema)

    def _validate_action_result(self, result: dict) -> bool:
        try:
            validator.validate(result)
            return True
        except ValidationError as error:
            error.message += (". Failed to validate Action server response from API, make sure your response from "
                              f"the Action endpoint is valid. For more information about the format visit "
                              f"{DOCS_BASE_URL}/custom-actions")
            raise

    RemoteAction._validate_action_result = _validate_action_result


def spacy_nlp_honours_exclude() -> None:
    """SpacyNLP reads ``exclude`` in config.yml: the spaCy pipes not to load (part of the component's
    configuration, so that Rasa's training cache tells the two apart)."""
    from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

    original_create = SpacyNLP.create.__func__
    original_defaults = SpacyNLP.get_default_config

    def get_default_config() -> dict:
        return {**original_defaults(), "exclude": []}

    def create(cls, config, model_storage, resource, execution_context):
        excluded = list(config.get("exclude") or [])
        if not excluded:
            return original_create(cls, config, model_storage, resource, execution_context)
        import spacy

        language = spacy.load(config["model"], exclude=excluded)
        model = SpacyModel(model=language, model_name=config["model"])
        cls.ensure_proper_language_model(model.model)
        return cls(model, {**cls.get_default_config(), **config})

    SpacyNLP.get_default_config = staticmethod(get_default_config)
    SpacyNLP.create = classmethod(create)


def screen_user_messages() -> None:
    from rasa.core.processor import MessageProcessor

    from caf_assistant.message_screening import screen

    original = MessageProcessor.handle_message

    async def handle_message(self, message):
        domain = self.domain
        screened = screen(message.text, set(domain.intents), set(domain.entities))
        message.text = screened.text
        if screened.cut_from:
            message.metadata = {**(message.metadata or {}), "message_cut_from": screened.cut_from}
            notice = (domain.responses.get("utter_too_long") or [{}])[0].get("text")
            if notice and message.output_channel is not None:
                await message.output_channel.send_text_message(message.sender_id, notice)
        return await original(self, message)

    MessageProcessor.handle_message = handle_message


def long_sessions_start_again() -> None:
    """A session holding more than `max_session_events` events is over: the next message starts a new one
    (Rasa's own session start, slots carried over as the domain says; every event stays in the store)."""
    from rasa.core.processor import MessageProcessor

    from caf_assistant.message_screening import max_session_events

    original = MessageProcessor._has_session_expired
    limit = max_session_events()

    def _has_session_expired(self, tracker) -> bool:
        return original(self, tracker) or len(tracker.events) > limit

    MessageProcessor._has_session_expired = _has_session_expired

    # Rasa carries every SlotSet of the session over, not each slot's value: a session of 800 events would
    # start the next one with hundreds of them (and, over the bound, start again on every turn). One per slot.
    from rasa.core.actions.action import ActionSessionStart

    carried = ActionSessionStart._slot_set_events_from_tracker

    def one_per_slot(tracker):
        return list({event.key: event for event in carried(tracker)}.values())

    ActionSessionStart._slot_set_events_from_tracker = staticmethod(one_per_slot)


def store_failures_are_said() -> None:
    """When the conversation cannot be read or saved (the database locked or unreachable for a moment), the
    bot says so in French (the domain's ``utter_store_unavailable``) instead of answering from an empty
    conversation kept in this process's memory, as Rasa's fail-safe store does (a second replica would not
    see it, and the database would miss the message). The error is logged by its class only: SQLAlchemy's
    message quotes the statement's parameters, which hold what the user typed. The server goes on; the next
    message is handled normally once the database is back."""
    import asyncio
    import logging

    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import FailSafeTrackerStore

    logger = logging.getLogger("caf_assistant.rasa_server")

    class ConversationStoreUnavailable(Exception):
        pass

    def guarded(method):
        async def call(self, *args):
            try:
                return await method(self, *args)
            except Exception as error:  # noqa: BLE001 - any failure of the store: raised, without its message
                logger.error("magasin de conversations indisponible (%s)", type(error).__name__)
                raise ConversationStoreUnavailable(type(error).__name__) from None

        return call

    for name in ("retrieve", "retrieve_full_tracker", "save"):
        async def through_primary(self, *args, _name=name):
            return await getattr(self._tracker_store, _name)(*args)

        setattr(FailSafeTrackerStore, name, guarded(through_primary))

    original = MessageProcessor.handle_message

    async def handle_message(self, message):
        try:
            return await original(self, message)
        except asyncio.CancelledError:
            raise
        except ConversationStoreUnavailable:
            notice = (self.domain.responses.get("utter_store_unavailable") or [{}])[0].get("text")
            if notice and message.output_channel is not None:
                await message.output_channel.send_text_message(message.sender_id, notice)
            return None

    MessageProcessor.handle_message = handle_message


def remote_action_failures_are_said() -> None:
    import logging

    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
    from rasa.shared.exceptions import RasaException

    logger = logging.getLogger("caf_assistant.rasa_server")
    original = RemoteAction.run

    async def run(self, output_channel, nlg, tracker, domain):
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except RasaException as error:  # unreachable, timed out, or an error inside the action
            logger.warning("action %s indisponible (%s)", self.name(), type(error.__cause__ or error).__name__)
            response = await nlg.generate("utter_service_unavailable", tracker, output_channel.name())
            return [create_bot_utterance(response)] if response else []

    RemoteAction.run = run


def cancelled_handoffs_are_erased() -> None:
    """After a turn that cancels the hand-off, its personal answers leave the SQL tracker store
    (caf_assistant/handoff/erasure.py). Decided on the tracker Rasa has in memory as it saves the turn (no
    extra read on ordinary turns); runs inside the conversation's lock."""
    import json

    import sqlalchemy
    from rasa.core.processor import MessageProcessor
    from rasa.shared.core.events import UserUttered

    from caf_assistant.handoff.erasure import positions_to_erase, turn_erases

    original = MessageProcessor.save_tracker

    def sql_store(store):
        while store is not None and not hasattr(store, "SQLEvent"):
            store = getattr(store, "_tracker_store", None)
        return store

    def last_turn(tracker) -> list[dict]:
        turn = []
        for event in reversed(tracker.events):
            turn.append(event.as_dict())
            if isinstance(event, UserUttered):
                break
        return turn[::-1]

    async def save_tracker(self, tracker):
        await original(self, tracker)
        store = sql_store(self.tracker_store)
        if store is None or not turn_erases(last_turn(tracker)):
            return
        table = store.SQLEvent
        with store.session_scope() as session:
            if session.bind.dialect.name == "sqlite":  # deleted text is overwritten, not left in free pages
                session.execute(sqlalchemy.text("PRAGMA secure_delete = ON"))
            rows = session.query(table).filter(table.sender_id == tracker.sender_id).order_by(table.id).all()
            for position in positions_to_erase([json.loads(row.data) for row in rows]):
                session.delete(rows[position])
            session.commit()

    MessageProcessor.save_tracker = save_tracker


def logs_mask_what_users_typed() -> None:
    """Rasa's structured logs through `caf_assistant.log_privacy.mask_event` (its anonymizer does nothing in
    Rasa Open Source): no user text, slot or tracker, and tracebacks without their local variables."""
    from rasa.utils import log_utils

    from caf_assistant.log_privacy import mask_event

    original = log_utils._anonymizer

    def anonymizer(logger, method, event_dict):
        return mask_event(logger, method, original(logger, method, event_dict))

    log_utils._anonymizer = anonymizer


def webhooks_take_json_only() -> None:
    """A message reaches the channels only as JSON: a plain form or `text/plain` POST, which any website can
    make its visitors' browsers send without asking (no CORS preflight), is refused (415)."""
    from rasa.core import run
    from sanic.response import json as json_response

    original = run.configure_app

    def configure_app(*args, **kwargs):
        app = original(*args, **kwargs)

        @app.on_request
        async def only_json(request):
            if request.method == "POST" and request.path.startswith("/webhooks/") \
                    and request.content_type.split(";")[0].strip().lower() != "application/json":
                return json_response({"error": "Envoyez le message en JSON (Content-Type: application/json)."},
                                     status=415)
            if request.method == "POST" and request.path.rstrip("/") == "/webhooks/rest/webhook":
                # without its own sender, a message would join Rasa's shared « default » conversation
                try:
                    body = request.json
                except Exception:  # noqa: BLE001 - malformed JSON: Rasa's own answer
                    return None
                sender = body.get("sender") if isinstance(body, dict) else None
                if not isinstance(sender, str) or not sender.strip() or sender.strip() == "default":
                    return json_response({"error": "Indiquez l'identifiant de la conversation : "
                                                   "{\"sender\": \"...\", \"message\": \"...\"}."}, status=400)

        return app

    run.configure_app = configure_app


def responses_carry_security_headers() -> None:
    """Every response of Rasa's server carries the same security headers as the other servers (JSON only:
    nothing to render, nothing to frame)."""
    from rasa.core import run

    from caf_assistant.security_headers import API_CSP, response_middleware

    original = run.configure_app

    def configure_app(*args, **kwargs):
        app = original(*args, **kwargs)
        app.register_middleware(response_middleware(API_CSP, "no-store"), "response")
        return app

    run.configure_app = configure_app


def models_load_for_prediction() -> None:
    """A trained TensorFlow model (DIET) is loaded for prediction, not for training: Rasa 3.6 builds its weights
    by fitting one example, which traces the whole training graph (gradients, optimizer) and took 20 of the 36 s
    of loading the model here. Its weights are restored as the prediction graph creates them instead (TensorFlow
    restores a checkpoint's variables when they are created): the same intents, entities and confidences
    (`benchmarks/model_load.py` compares both loads), about 16 s. Fine-tuning (`rasa train --finetune`) keeps
    Rasa's own load."""
    import tensorflow as tf
    from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
    from rasa.utils.tensorflow.models import RasaModel

    rasa_load = RasaModel.load.__func__

    def load(cls, model_file_name, model_data_example, predict_data_example=None, finetune_mode=False,
             *args, **kwargs):
        if finetune_mode or predict_data_example is None:
            return rasa_load(cls, model_file_name, model_data_example, predict_data_example, finetune_mode,
                             *args, **kwargs)
        model = cls(*args, **kwargs)
        config = kwargs.get("config", {})
        model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
                      run_eagerly=config.get(RUN_EAGERLY))
        restored = model.load_weights(model_file_name)
        model.run_inference(predict_data_example)  # creates the variables of prediction, restored as they come
        restored.expect_partial()  # the optimizer's slots are for training only
        return model

    RasaModel.load = classmethod(load)


def patch() -> None:
    validate_replies_with_a_built_validator()
    spacy_nlp_honours_exclude()
    screen_user_messages()
    long_sessions_start_again()
    store_failures_are_said()
    remote_action_failures_are_said()
    cancelled_handoffs_are_erased()
    logs_mask_what_users_typed()
    webhooks_take_json_only()
    responses_carry_security_headers()
    models_load_for_prediction()


def main(argv: list[str] | None = None) -> None:
    import os

    from caf_assistant.message_screening import RASA_REQUEST_MAX_BYTES

    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(RASA_REQUEST_MAX_BYTES))  # Sanic reads SANIC_* settings
    patch()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
