# %% [markdown]
# # 03 Blootstelling en risico per leverancier / Exposure and risk per vendor
#
# Wat elke leverancier ontvangt, hoe herleidbaar dat is en welk risico eruit volgt. De tekst
# hieronder is Nederlands; zet `lang = "en"` voor Engels. / What each vendor receives, how
# re-identifiable it is and which risk follows. The text below is in Dutch; set `lang = "en"`
# for English.

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
from dpia.exposure import exposure_charts

show.setup()
result, source = show.run_result(data_dir, register, out_dir, sample=sample, seed=seed, lang=lang)
display(source)
show.prose("exposure.intro", lang)

# %%
table = result.exposure
charts = exposure_charts(table, lang)
display(show.prose("exposure.table", lang))
show.exposure_frame(table, lang)

# %%
display(show.prose("exposure.reasons", lang))
show.reasons_frame(table, lang)

# %% tags=["chart"]
display(show.prose("exposure.heatmap", lang))
charts["exposure_heatmap"]

# %% tags=["chart"]
display(show.prose("exposure.attributes", lang))
charts["exposure_attributes"]

# %% tags=["chart"]
display(show.prose("exposure.risk_map", lang))
charts["exposure_risk_map"]

# %% tags=["chart"]
display(show.prose("exposure.k_anonymity", lang))
display(show.k_frame(table, lang))
charts["exposure_k_anonymity"]

# %%
show.prose("exposure.meaning", lang)

# %%
display(show.prose("manifest.intro", lang))
manifest = show.run_manifest(
    result,
    {"data_dir": data_dir, "register": register, "lang": lang, "sample": sample, "seed": seed},
)
for title, frame in show.manifest_frames(manifest, lang).items():
    display(show.heading(title, 3), frame)
