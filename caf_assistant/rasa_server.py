"""Runs Rasa's command line (`rasa run ...`) in the Rasa environment (.venv-rasa), with two measured fixes.

`.venv-rasa/bin/python -m caf_assistant.rasa_server run --model ...` is `rasa run --model ...` except that:

- the action server's reply is checked against Rasa's response schema with a validator built once:
  Rasa 3.6 calls ``jsonschema.validate``, which first re-checks the (large) schema itself against the JSON
  Schema meta-schema: 22 ms on every action call here, against 0.3 ms for the same check with a built
  validator (benchmarks/RESULTS.md, issue 9). The check itself is unchanged;
- spaCy's named-entity recogniser is not loaded: no component of config.yml reads spaCy's entities (the
  featurizer reads token vectors, the tokenizer tokens and lemmas), and it costs 2.5 ms of every message.

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


def load_spacy_without_entities() -> None:
    import spacy

    original = spacy.load

    def load(name, *args, disable=(), exclude=(), **kwargs):
        return original(name, *args, disable=disable, exclude=[*exclude, "ner"], **kwargs)

    spacy.load = load


def patch() -> None:
    validate_replies_with_a_built_validator()
    load_spacy_without_entities()


def main(argv: list[str] | None = None) -> None:
    patch()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
