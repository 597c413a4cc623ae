"""NATIONALITY: nationalities, countries (of birth) and (home) languages, proxies for origin.

The terms live in ``vocabularies/nationality.yaml``. Nationality adjectives ("Marokkaanse") are
reported on their own; countries and language names ("Nederland", "Turks", "Engels") are also
places and school subjects, so they score below the report threshold and need context
(geboorteland, thuistaal, nationaliteit, ...).
"""

from __future__ import annotations

from dpia.detect.recognizers.vocabulary import VocabularyRecognizer, load_vocabulary

VOCABULARY = "nationality"


class NationalityRecognizer(VocabularyRecognizer):
    """Vocabulary recognizer over ``nationality.yaml``."""

    ENTITY = "NATIONALITY"

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(load_vocabulary(VOCABULARY), supported_language)
