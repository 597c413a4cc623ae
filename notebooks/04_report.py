# %% [markdown]
# # 04 Rapportage: maatregelen en verantwoording / Report: measures and accountability
#
# De maatregelen uit de DPIA-rapportage, het manifest en waar de rapportbestanden staan. De tekst
# hieronder is Nederlands; zet `lang = "en"` voor Engels. / The measures of the DPIA report, the
# manifest and where the report files are. The text below is in Dutch; set `lang = "en"` for
# English.

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
show.prose("report.intro", lang)

# %%
table = result.exposure
measures = show.measures_frame(result, lang)
if measures.empty:
    display(show.prose("report.no_measures", lang))
else:
    display(show.prose("report.measures", lang), measures)

# %%
display(show.prose("report.residual", lang))
show.residual_frame(table, lang)

# %%
display(show.prose("manifest.intro", lang))
manifest = show.run_manifest(
    result,
    {"data_dir": data_dir, "register": register, "lang": lang, "sample": sample, "seed": seed},
)
for title, frame in show.manifest_frames(manifest, lang).items():
    display(show.heading(title, 3), frame)

# %%
display(show.prose("report.files", lang))
show.report_files_frame(lang)

# %%
show.prose("report.meaning", lang)
