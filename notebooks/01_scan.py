# %% [markdown]
# # 01 Scan: persoonsgegevens in de exports / personal data in the exports
#
# Welke persoonsgegevens staan in welke kolom van welk bestand? De tekst hieronder is Nederlands;
# zet `lang = "en"` voor Engels. / Which personal data sits in which column of which file? The
# text below is in Dutch; set `lang = "en"` for English.

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
show.prose("scan.intro", lang)

# %%
display(show.prose("scan.inputs", lang))
show.inputs_frame(result, lang)

# %%
scans = result.scans
display(show.prose("scan.summary", lang))
show.scan_summary(scans, lang)

# %% tags=["chart"]
display(show.prose("scan.chart", lang))
show.scan_chart(scans, lang)

# %%
display(show.prose("scan.files", lang))
for name, found in scans.items():
    display(show.heading(name), show.scan_frame(found, lang))

# %%
display(show.prose("scan.notes", lang))
for name, found in scans.items():
    if any(c.snippets for c in found.columns):
        display(show.heading(name), show.note_snippets(found, lang))

# %%
show.prose("scan.meaning", lang)

# %%
display(show.prose("manifest.intro", lang))
manifest = show.run_manifest(
    result,
    {"data_dir": data_dir, "register": register, "lang": lang, "sample": sample, "seed": seed},
)
for title, frame in show.manifest_frames(manifest, lang).items():
    display(show.heading(title, 3), frame)
