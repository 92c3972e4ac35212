"""Runs Rasa's command line (`rasa run ...`) in the Rasa environment (.venv-rasa), with two measured fixes.

`.venv-rasa/bin/python -m caf_assistant.rasa_server run --model ...` is `rasa run --model ...` except that:

- the action server's reply is checked against Rasa's response schema with a validator built once:
  Rasa 3.6 calls ``jsonschema.validate``, which first re-checks the (large) schema itself against the JSON
  Schema meta-schema: 22 ms on every action call here, against 0.3 ms for the same check with a built
  validator (benchmarks/RESULTS.md, issue 9). The check itself is unchanged;
- SpacyNLP honours ``exclude`` in config.yml, the spaCy pipes not to load: the pipeline reads spaCy's
  tokens and word vectors, and the French model's tagger, lemmatizer and entity recogniser cost 6 ms of
  every message (benchmarks/nlu_split_eval.sh measured what their absence does to the intents).

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


def patch() -> None:
    validate_replies_with_a_built_validator()
    spacy_nlp_honours_exclude()


def main(argv: list[str] | None = None) -> None:
    patch()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
