# %% [markdown]
# # 02 Dataminimalisatie: voldoet elke levering aan de overeenkomst? / Data minimisation: does each feed keep to its agreement?
#
# Elke verwerkersovereenkomst als Great Expectations-suite, getoetst aan de echte levering. De
# tekst hieronder is Nederlands; zet `lang = "en"` voor Engels. / Each processing agreement as a
# Great Expectations suite, checked against the real feed. The text below is in Dutch; set
# `lang = "en"` for English.

# %% tags=["parameters"]
data_dir = "../data_samples"
register = None  # None: data_dir/register.yaml
out_dir = "../out"
lang = "nl"
sample = 1000  # distinct values examined per column; None: every one (dpia run --full)
seed = 0  # sampling seed

# %%
from IPython.display import display

from dpia import show

show.setup()
result, source = show.run_result(data_dir, register, out_dir, sample=sample, seed=seed, lang=lang)
display(source)
show.prose("minimisation.intro", lang)

# %%
display(show.prose("minimisation.register", lang))
show.register_frame(result.register, lang)

# %%
verdicts = result.verdicts
display(show.prose("minimisation.suites", lang))
show.suites_frame(result, lang)

# %%
display(show.prose("minimisation.verdicts", lang))
show.verdict_frame(verdicts, lang)

# %%
failures = show.failure_frame(verdicts, lang)
if failures.empty:
    display(show.prose("minimisation.no_failures", lang))
else:
    display(show.prose("minimisation.failures", lang), failures)

# %%
links = show.link_frame(verdicts, lang)
if links.empty:
    display(show.prose("minimisation.no_promises", lang))
else:
    display(show.prose("minimisation.promises", lang), links, show.promise_frame(verdicts, lang))

# %%
optional = show.optional_fields_frame(result, lang)
display(show.optional_fields_prose(lang))
display(show.prose("minimisation.no_optional", lang) if optional.empty else optional)

# %%
show.prose("minimisation.meaning", lang)

# %%
display(show.prose("manifest.intro", lang))
manifest = show.run_manifest(
    result,
    {"data_dir": data_dir, "register": register, "lang": lang, "sample": sample, "seed": seed},
)
for title, frame in show.manifest_frames(manifest, lang).items():
    display(show.heading(title, 3), frame)
