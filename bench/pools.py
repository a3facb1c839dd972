"""Vocabulary of the synthetic corpus: name parts, templates and phrases (data only).

Names are combined from parts (organisation = head + tail, person = first + last,
product = line + generation + variant), so the pool of distinct entities is large
(thousands) while every name still reads like a real one. Templates use ``{slot}`` fields
that :mod:`bench.synth` fills with a fresh value at every occurrence.
"""
from __future__ import annotations

ORG_HEADS = (
    "Nordwind", "Acme", "Helix", "Solvay", "Quanta", "Brightline", "Kestrel", "Aurora", "Meridian",
    "Cobalt", "Vireo", "Lumen", "Tessera", "Halcyon", "Ardent", "Boreal", "Cygnus", "Delphi",
    "Ember", "Fathom", "Granite", "Harbor", "Ionic", "Juniper", "Kairos", "Larkspur", "Monarch",
    "Nimbus", "Obsidian", "Pioneer", "Quasar", "Redwood", "Sable", "Tundra", "Umbra", "Vantage",
    "Westmark", "Xenon", "Yarrow", "Zephyr", "Altair", "Beacon", "Corvid", "Drift", "Equinox",
    "Foundry", "Gemstone", "Horizon", "Inkwell", "Jadeite", "Keystone", "Lattice", "Mosaic",
    "Northstar", "Orchid", "Parallax", "Quill", "Riverbend", "Summit", "Trellis",
)
ORG_TAILS = (
    "Semiconductor", "Robotics", "Labs", "AI", "Systems", "Dynamics", "Networks", "Compute",
    "Photonics", "Analytics", "Capital", "Ventures", "Technologies", "Cloud", "Devices",
    "Research", "Microsystems", "Intelligence", "Energy", "Bio", "Foundry", "Silicon",
    "Data", "Motors", "Security", "Software", "Instruments", "Materials", "Telecom", "Holdings",
)
PRODUCT_LINES = (
    "NX", "Vela", "Orion", "Atlas", "Pulsar", "Cortex", "Nova", "Titan", "Aether", "Rook",
    "Falcon", "Kite", "Strata", "Echo", "Forge", "Glyph", "Halo", "Iris", "Jolt", "Krait",
    "Lyra", "Mako", "Nexa", "Opal", "Prism", "Quark", "Rune", "Sigma", "Tern", "Volt",
)
PRODUCT_VARIANTS = ("Pro", "Max", "Ultra", "Lite", "Mini", "Turbo", "X", "Edge", "")
FIRST_NAMES = (
    "Mara", "Jonas", "Priya", "Tobias", "Elena", "Kenji", "Amara", "Lucas", "Ingrid", "Rafael",
    "Sofia", "Dmitri", "Hannah", "Omar", "Yuki", "Marcus", "Leila", "Anders", "Chloe", "Wei",
    "Fatima", "Henrik", "Isabel", "Kwame", "Lena", "Mateo", "Nadia", "Oskar", "Paula", "Ravi",
    "Sanne", "Theo", "Ursula", "Viktor", "Wen", "Ximena", "Yusuf", "Zara", "Alina", "Bruno",
    "Camille", "Daniel", "Esther", "Felix", "Greta", "Hugo", "Ines", "Julian", "Katarina", "Liam",
)
LAST_NAMES = (
    "Lindqvist", "Okafor", "Raman", "Becker", "Moreau", "Tanaka", "Haddad", "Silva", "Novak",
    "Castillo", "Petrov", "Nakamura", "Keller", "Mensah", "Larsen", "Ortega", "Fischer", "Chen",
    "Abbott", "Brennan", "Costa", "Duarte", "Eriksen", "Fontaine", "Gallagher", "Horvath",
    "Ibrahim", "Jansen", "Kowalski", "Lombardi", "Mwangi", "Nilsson", "Oyelaran", "Park",
    "Quintero", "Rossi", "Sato", "Thorne", "Urquhart", "Vasquez", "Whitfield", "Xu", "Yilmaz",
    "Zhang", "Achebe", "Bauer", "Calloway", "Dunmore", "Esposito", "Falk",
)
ROLES = (
    "chief executive", "CEO", "chief technology officer", "CTO", "head of research", "co-founder",
    "chief scientist", "analyst", "partner", "senior researcher", "policy director", "VP of engineering",
)
BENCHMARKS = (
    "MMLU", "MMLU-Pro", "HumanEval", "GSM8K", "MATH-500", "SWE-bench Verified", "ARC-AGI",
    "GPQA Diamond", "HellaSwag", "BIG-Bench Hard", "MLPerf Training", "MLPerf Inference",
    "TerraBench-3", "LongBench", "Chatbot Arena", "AIME 2025", "LiveCodeBench", "MT-Bench",
    "SPEC CPU 2017", "Geekbench 6", "TPC-H", "CoreMark", "STREAM Triad", "DriveSim-2",
)
ACRONYMS = (
    ("RAG", "Retrieval-Augmented Generation"), ("MoE", "Mixture of Experts"),
    ("HBM", "High Bandwidth Memory"), ("RLHF", "Reinforcement Learning from Human Feedback"),
    ("NPU", "Neural Processing Unit"), ("EUV", "Extreme Ultraviolet Lithography"),
    ("SSM", "State-Space Model"), ("TCO", "Total Cost of Ownership"),
    ("ASIC", "Application-Specific Integrated Circuit"), ("FLOPS", "Floating-Point Operations per Second"),
    ("CAI", "Constitutional AI"), ("LLM", "Large Language Model"), ("KV", "Key-Value"),
    ("RLAIF", "Reinforcement Learning from AI Feedback"), ("CoWoS", "Chip-on-Wafer-on-Substrate"),
    ("SLA", "Service-Level Agreement"), ("ARR", "Annual Recurring Revenue"),
    ("FTC", "Federal Trade Commission"), ("NIST", "National Institute of Standards and Technology"),
    ("ADAS", "Advanced Driver-Assistance Systems"),
)
PUBLISHERS = (
    "TechWire Daily", "The Compute Ledger", "Silicon Brief", "Frontier Signals", "AI Market Watch",
    "The Model Report", "Chip Insider Weekly", "Deep Tech Dispatch",
)
TOPICS = (
    "AI accelerators", "foundation models", "autonomous driving", "cloud infrastructure",
    "advanced packaging", "enterprise AI agents", "edge inference", "robotics platforms",
    "open-weight models", "data-centre power", "AI safety research", "chip export controls",
)
MONTHS = (
    ("January", "Jan."), ("February", "Feb."), ("March", "March"), ("April", "April"),
    ("May", "May"), ("June", "June"), ("July", "July"), ("August", "Aug."),
    ("September", "Sept."), ("October", "Oct."), ("November", "Nov."), ("December", "Dec."),
)

# Numbers with units, by what they measure: (format, low, high, decimals).
QUANTITIES = {
    "tokens": (("{n} trillion tokens", 2, 40, 0), ("{n} billion tokens", 50, 900, 0)),
    "money": (("${n} billion", 0.3, 95, 1), ("${n} million", 5, 900, 0), ("€{n} million", 20, 800, 0),
              ("US${n} billion", 1, 40, 1)),
    "params": (("{n} billion parameters", 1, 900, 0), ("{n} trillion parameters", 1, 4, 1)),
    "compute": (("{n} exaflops", 1, 60, 1), ("{n:,} GPUs", 512, 200000, 0), ("{n} petaflops", 10, 900, 0)),
    "power": (("{n} GW", 0.2, 12, 1), ("{n} MW", 5, 900, 0), ("{n} watts", 75, 1500, 0)),
    "process": (("{n} nm", 2, 7, 0), ("{n}-nanometre", 2, 7, 0)),
    "memory": (("{n} GB of HBM3e", 24, 288, 0), ("{n} TB/s of bandwidth", 1, 16, 1)),
    "latency": (("{n} ms", 4, 900, 0), ("{n} microseconds", 50, 900, 0)),
    "throughput": (("{n} tokens per second", 20, 4000, 0), ("{n:,} requests a day", 1000, 9000000, 0)),
    "staff": (("{n:,} employees", 40, 90000, 0), ("{n} engineers", 12, 900, 0)),
}

TITLES = (
    "{org} Bets {money} on {product} as the {acro} Race Heats Up",
    "Inside {org_s} Plan to Overtake {org2} in {topic}",
    "Why {bench} Scores No Longer Tell the Whole Story",
    "{org} vs {org2}: Who Wins the Next Round of {topic}",
    "{person} on {org_s} Roadmap Through {year}",
    "The {product} Launch and What It Means for {topic}",
    "{org} Raises {money} to Scale {topic}",
    "How {org} Cut Inference Costs With {acro_full}",
    "{org_s} {product} Tops {bench}, but Questions Remain",
    "From {product} to {product2}: A Decade of {topic}",
)
HEADINGS = (
    "Technical Deep Dive", "Key Players & Case Studies", "Market Dynamics", "Supply Chain Constraints",
    "Risks and Open Questions", "What to Watch Next", "Benchmark Results", "Funding and Valuation",
    "Regulatory Outlook", "Industry Impact", "The Competitive Landscape", "Pricing and Margins",
    "Architecture Choices", "Customer Adoption", "Timeline of Events", "The {org} Factor",
    "Where {product} Fits", "Lessons From {year}", "Analyst Reactions", "Power and Cooling",
    "Talent and Hiring", "Open Source Pressure", "Manufacturing Capacity", "Outlook for {year}",
)
SENTENCES = (
    "{org} said on {date} that its {product} would ship in {period}, a year ahead of {org2}.",
    "According to {person}, {role} at {org}, the company trained the model on {tokens} and spent {money} on compute.",
    "The {product} scored {score} on {bench}, up from {score} for the previous generation.",
    "{org_s} revenue from {topic} grew {pct} in {quarter}, beating analyst estimates.",
    "Analysts expect {acro_full} to account for {pct} of new deployments {deadline}.",
    "{person} told investors in {period} that {acro} workloads had outgrown the {product}.",
    "Shipments of the {product} slipped from {quarter} to {half} because of {acro} shortages.",
    "{org} grew from {staff} to {staff} {between}.",
    "In {decade}, {org} was a niche supplier; today it ships {compute} a quarter.",
    "{org} plans to spend {money} on new capacity {deadline}, {person} said.",
    "The deal values {org} at {money}, roughly {multiple} its {fiscal} revenue.",
    "{org} trained the {product} on {tokens} using {compute}; it has {params}.",
    "Power is the constraint: the new campus needs {power} by {year}, {pct} more than planned.",
    "On {date}, {org2} countered with the {product2}, which it claims runs {multiple} faster on {bench}.",
    "{org_s} {acro} stack now serves {throughput} with a median latency of {latency}.",
    "{person} argued that {bench} rewards memorisation more than reasoning.",
    "Regulators at the {acro} opened a review of the {org} deal on {date}.",
    "{org} expects to break even {deadline}, helped by {pct} gross margins on the {product}.",
    "The {product} pairs {memory} with a {process} die and draws {power} under load.",
    "Early customers, including {org} and {org2}, report {pct} lower {acro} costs {within}.",
    "A prototype shown in {period} reached {score} on {bench}, {person} said.",
    "{org} guided for {money} in {fiscal} revenue, with most of it arriving in {half}.",
    "The company raised {money} in a round led by {org2} on {date}.",
    "{person}, who joined {org} from {org2} in {year}, now leads the {product} programme.",
    "Capacity for {acro} remains tight, and {org} does not expect relief before {quarter}.",
    "Critics note that {org_s} claims about the {product} have not been independently verified.",
    "The roadmap lists the {product} for {period} and a successor {deadline}.",
    "{org} says the {product} is {multiple} more efficient than the {product2} at {throughput}.",
)
LIST_ITEMS = (
    "{org}: The capability leader, with the {product} and {money} in fresh funding.",
    "{org}: Focused on {topic}, shipping the {product} in {quarter}.",
    "{person} ({org}): Argues that {acro} will matter more than raw {bench} scores.",
    "Cost: {acro} inference fell by {pct} {within}.",
    "Scale: training runs now use {tokens} and {compute}.",
    "Timing: general availability is planned for {period}.",
    "Risk: supply of {acro} parts is committed through {fiscal}.",
    "{product}: {score} on {bench}, priced at {money} per year.",
)
NUMBERED_ITEMS = (
    "{label} ({quarter} - {quarter2}): We predict {org} will release the {product} to a few customers first.",
    "{label}: {deadline}, {org} and {org2} will publish results on {bench}.",
    "{label} ({within}): expect {acro_full} to become the default for {topic}.",
    "{label}: {org} will spend {money} on capacity in {fiscal}, according to {person}.",
)
NUMBERED_LABELS = (
    "Phased, Controlled Release", "Benchmark Reset", "Regulatory Spotlight Intensifies",
    "Competitive Counter-Move", "Capacity Build-Out", "Pricing Pressure", "Consolidation Wave",
)
CALLOUTS = (
    "Data Takeaway: {org} leads on {bench}, but the gap to {org2} shrank to {pct} {within}.",
    "Bottom Line: the {product} is the product to beat in {topic} until at least {quarter}.",
    "Key Point: {acro} costs, not {bench} scores, decide who wins {deadline}.",
    "Editor's Note: this article was updated on {date} with figures from {org}.",
    "Market Verdict: investors priced {org} at {money} after the {product} launch.",
)
RECURRING_LABEL = "Analyst View"
RECURRING_CALLOUT = RECURRING_LABEL + ": {person} expects {org} to reach {money} in revenue {deadline}."
TABLE_HEADERS = (
    ("Company", "Flagship Product", "{bench} Score", "Funding Raised", "Launch"),
    ("Company", "Model", "Parameters", "Training Data", "Availability"),
    ("Vendor", "Chip", "Process", "Memory", "Power", "Shipping"),
)
BLURBS = (
    "{publisher} is the leading independent newsletter for {topic} and AI industry analysis.",
    "What are your thoughts on the {product}? Let us know in the comments below.",
    "Subscribe to {publisher} for weekly coverage of {topic}.",
    "Copyright {year} {publisher}. All rights reserved.",
)

# Chinese. Simplified and Traditional are written separately (not converted), so each
# uses the characters its readers expect; Latin names stay in Latin script, as in real seeds.
ZH_HANS_SENTENCES = (
    "{org}于{zh_date}发布了{product}，计划在{zh_relative}大规模出货。",
    "据{org}透露，新模型使用了{zh_tokens}进行训练，投入超过{zh_money}。",
    "分析人士认为，{acro}技术将在{zh_relative}成为行业标准。",
    "{person}表示，{org}的{product}在{bench}上的得分达到{score}。",
    "与{org2}相比，{org}在{zh_date}之前仍然保持领先，但差距正在缩小。",
    "业内普遍预计，{zh_relative}全球算力需求将增长百分之{zh_pct}。",
    "{org}与{org2}在{zh_date}签署了合作协议，涉及金额约{zh_money}。",
    "监管机构正在审查{org}的收购计划，结果预计在{zh_relative}公布。",
)
ZH_HANT_SENTENCES = (
    "{org}於{zh_date}發布了{product}，預計在{zh_relative_hant}開始量產。",
    "根據{org}的說法，這個模型的訓練資料超過{zh_tokens_hant}，總投資約{zh_money_hant}。",
    "分析師認為，{acro}技術將在{zh_relative_hant}成為產業標準。",
    "{person}表示，{org}的{product}在{bench}測試中取得{score}分，領先{org2}。",
    "這項交易讓{org}的估值達到{zh_money_hant}，與{zh_date}相比成長了一倍。",
    "業界普遍預期，{zh_relative_hant}全球算力需求將成長百分之{zh_pct}。",
    "監管機構正在審查{org}的併購計畫，結果預計在{zh_relative_hant}公布。",
)
ZH_FAQ_HEADINGS = ("常见问题", "常見問題")
ZH_FAQ_QUESTIONS = (
    "这次{product}发布的核心内容是什么？",
    "{org}与{org2}相比有哪些优势？",
    "{acro}技术对开发者和企业有什么影响？",
    "{product}什么时候正式上市？",
    "从“{org} {product} vs {product2}”看，这个发布为什么重要？",
)
ZH_FAQ_ANSWERS = (
    "{org}于{zh_date}公布了{product}，重点是{acro}能力的提升和成本的下降。",
    "开发者通常会重点关注能力提升、API 兼容性、成本变化和新场景机会，企业则更关心接入门槛。",
    "根据目前的信息，{product}预计在{zh_relative}上市，价格尚未公布。",
    "{org}在{bench}上领先{org2}约{score}分，但在{topic_zh}领域仍有差距。",
)
ZH_TITLES = (
    "{org}『{product}』发布：{acro}竞赛进入新阶段",
    "{org}『{product}』洩露事件揭示其對AI能力躍進的激進賭注",
    "{org}与{org2}的{topic_zh}之争",
)
ZH_TOPICS = ("人工智能芯片", "大模型", "自动驾驶", "云计算", "先进封装", "机器人")
ZH_RELATIVE_HANS = ("明年", "今年下半年", "明年上半年", "未来两年内", "2026年底前", "下个季度")
ZH_RELATIVE_HANT = ("明年", "今年下半年", "明年上半年", "未來兩年內", "2026年底前", "下一季")
