"""The report's fixed words, Dutch first, English with ``--lang en``."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Gegevensbeschermingseffectbeoordeling (DPIA)",
        "subtitle": "Leerlinggegevens naar leveranciers van digitaal leermateriaal",
        "synthetic": "Opgesteld met dpia-workbench. Alle waarden in dit rapport zijn gemaskeerd; "
        "er staan geen ruwe persoonsgegevens in.",
        "a": "A. Beschrijving van de verwerking",
        "a_intro": "Welke persoonsgegevens de exports en leveringen werkelijk bevatten, per "
        "bestand, zoals de scan ze vond (kop en waarden samen).",
        "file": "Bestand", "rows": "Rijen", "pupils": "Leerlingen", "personal": "Persoonsgegevens",
        "categories": "Categorieën", "special": "Bijzonder / strafrechtelijk",
        "column": "Kolom", "entity": "Gegevenstype", "category": "Categorie",
        "confidence": "Zekerheid", "evidence": "Bewijs (gemaskeerd)",
        "inventory": "Gegevensinventaris per bestand",
        "b": "B. Rechtmatigheid",
        "b_special": "Bijzondere persoonsgegevens en nationale identificatienummers",
        "b_special_intro": "Art. 9 en 10 AVG en art. 46 UAVG: waar ze voorkomen.",
        "none_found": "Niets gevonden.",
        "b_minimisation": "Dataminimalisatie per leverancier",
        "b_minimisation_intro": "Elke verwerkersovereenkomst is een Great Expectations-suite; "
        "de levering van elke leverancier is ertegen gecontroleerd.",
        "vendor": "Leverancier", "agreement": "Overeenkomst", "verdict": "Oordeel",
        "passed": "voldoet", "failed": "voldoet niet", "findings": "Bevindingen",
        "datadocs": "Great Expectations Data Docs",
        "c": "C. Risico's",
        "c_intro": "Ernst en waarschijnlijkheid op de schalen van de CNIL (1-4), omgezet naar de "
        "matrix van het Model DPIA Rijksdienst (laag/midden/hoog); inherent (uit de gegevens) en "
        "rest (na de maatregelen uit het register).",
        "severity": "Ernst", "likelihood": "Waarschijnlijkheid", "level": "Risico",
        "inherent": "inherent", "residual": "rest", "reasons": "Redenen",
        "k": "k-anonimiteit", "unique": "Uniek herleidbaar", "subjects": "Betrokkenen",
        "excess": "Te veel ontvangen",
        "chart_risk": "Risicokaart", "chart_heatmap": "Blootstelling per leverancier en categorie",
        "chart_bars": "Toegestane en overbodige gegevens", "chart_k": "k-anonimiteit per leverancier",
        "d": "D. Maatregelen",
        "d_intro": "Een concrete maatregel voor elke overtreding.",
        "manifest": "Verantwoording",
        "manifest_intro": "Elk cijfer in dit rapport komt uit deze invoer, met deze versies.",
        "inputs": "Invoer", "packages": "Pakketten", "parameters": "Parameters",
        "commit": "Git-commit", "started": "Begin", "finished": "Einde",
        "yes": "ja", "no": "nee",
    },
    "en": {
        "title": "Data protection impact assessment (DPIA)",
        "subtitle": "Pupil data sent to suppliers of digital learning material",
        "synthetic": "Made with dpia-workbench. Every value in this report is masked; it holds no "
        "raw personal data.",
        "a": "A. Description of the processing",
        "a_intro": "Which personal data the exports and feeds really hold, per file, as the scan "
        "found them (header and values together).",
        "file": "File", "rows": "Rows", "pupils": "Pupils", "personal": "Personal data",
        "categories": "Categories", "special": "Special / criminal",
        "column": "Column", "entity": "Data type", "category": "Category",
        "confidence": "Confidence", "evidence": "Evidence (masked)",
        "inventory": "Data inventory per file",
        "b": "B. Lawfulness",
        "b_special": "Special categories and national identification numbers",
        "b_special_intro": "Art. 9 and 10 GDPR and art. 46 UAVG: where they occur.",
        "none_found": "Nothing found.",
        "b_minimisation": "Data minimisation per vendor",
        "b_minimisation_intro": "Each processing agreement is a Great Expectations suite; each "
        "vendor's feed was checked against it.",
        "vendor": "Vendor", "agreement": "Agreement", "verdict": "Verdict",
        "passed": "complies", "failed": "does not comply", "findings": "Findings",
        "datadocs": "Great Expectations Data Docs",
        "c": "C. Risks",
        "c_intro": "Severity and likelihood on CNIL's scales (1-4), mapped to the Dutch government "
        "DPIA model's matrix (low/medium/high); inherent (from the data) and residual (after the "
        "measures in the register).",
        "severity": "Severity", "likelihood": "Likelihood", "level": "Risk",
        "inherent": "inherent", "residual": "residual", "reasons": "Reasons",
        "k": "k-anonymity", "unique": "Unique records", "subjects": "Data subjects",
        "excess": "Received in excess",
        "chart_risk": "Risk map", "chart_heatmap": "Exposure per vendor and category",
        "chart_bars": "Allowed and excess data", "chart_k": "k-anonymity per vendor",
        "d": "D. Measures",
        "d_intro": "A concrete measure for each violation.",
        "manifest": "Audit trail",
        "manifest_intro": "Every figure in this report comes from these inputs, with these versions.",
        "inputs": "Inputs", "packages": "Packages", "parameters": "Parameters",
        "commit": "Git commit", "started": "Started", "finished": "Finished",
        "yes": "yes", "no": "no",
    },
}  # fmt: skip
