"""Cue tables: the closed word classes the detector's rules read (data, kept in code).

Open classes (given names, surnames, organizations, places, tools) are the word lists in
``data/gazetteers``, loaded by :mod:`netbook.detector.wordlists`.  Every set here holds token
keys (lowercase, accents folded, dots dropped).
"""

from __future__ import annotations

import re

from netbook.detector.vocabulary import PARTICLES  # noqa: F401 - part of the cue tables


HONORIFICS = frozenset(
    "1sg sgm csm msg smsgt cmsgt tsgt spc pfc lcpl cpo scpo mcpo po1 po2 po3 ens ltjg lcdr cdr radm vadm "
    "wo1 cw2 cw3 cw4 cw5 gysgt gunny "
    "dr prof professor mr mrs ms miss mx sgt sergeant capt captain col lt maj gen "
    "adm cmdr rev fr sir dame hon judge sgm cpl pvt officer det major colonel general "
    "lieutenant sergeant commander admiral ret retired pastor rabbi imam reverend deacon "
    "msgt ssgt sfc cpt ltc ltg maj. brig "
    # non-English titles (excluded from the span like Mr./Ms.)
    "frau herr monsieur madame mme mlle senor senora senorita sra srta dott dottssa signor signora "
    "sig sig.ra dona".split()
)
# organization suffixes / heads.  strong: make an org of any proper-looking run before them.
ORG_STRONG = frozenset(
    "inc incorporated llc llp lp plc ltd limited corp corporation co company gmbh ag sa nv bv pllc pc "
    "bank bancorp university univ college hospital hospitals foundation association assn society "
    "institute alliance council federation coalition consortium fund trust credit union "
    "agency authority commission bureau dept department ministry "
    "academy seminary museum conservatory clinic laboratories labs pharmaceuticals pharma "
    "therapeutics biosciences bioscience biotech insurance assurance healthcare "
    "meetup chamber club league guild network networks partnership church churches temple "
    "synagogue mosque parish ministries cathedral diocese archdiocese congregation "
    "library libraries depository clubs charities".split()
)
ORG_WEAK = frozenset(
    "group partners associates services solutions system systems technologies technology tech "
    "consulting consultants advisors advisory capital holdings enterprises industries "
    "international global worldwide logistics management media communications labs studio "
    "studios health medical center centre centers office school schools academy "
    "mechanical electric electrical plumbing construction contracting builders engineering "
    "realty properties development ventures energy foods brands financial securities "
    "investments analytics software digital designs design marketing staffing recruiting "
    "resources manufacturing products supply hardware motors auto automotive arts "
    "dental pharmacy bakery catering landscaping roofing transport transportation trucking "
    "express airlines airways bio sciences research labs lab store stores markets market "
    "restaurant restaurants hotel hotels resorts apparel entertainment records music "
    "publishing press news works board boards terminal terminals brothers bros shipping lines rail "
    "railroad transit farms farm kitchen cafe grill pizza law pediatrics orthopedics imaging "
    "rehab therapy homecare nursing homes contractors solar steel metals plastics packaging "
    "printing chemicals beverages brewing brewery distillery winery wealth cpas accountants "
    "attorneys sons daughters bookkeeping tutoring cleaning staffing dentistry veterinary vet optical eyecare clinics pharmacy collective cooperative "
    "co-op coop outfitters interiors furniture flooring electronics robotics aerospace "
    "defense security semiconductor semiconductors biologics diagnostics devices "
    "scientific medicine district body freight architects architecture aviation airline games "
    "professionals care".split()
)
# heads that take an "of ..." complement: "University of X", "Council of New Jersey Grantmakers"
ORG_OF_HEADS = ORG_STRONG | frozenset(
    "university college school institute council department dept bank society association "
    "authority board bureau office center centre museum academy federation foundation "
    "chamber division commission league church order city county state port alliance "
    "coalition network union club partners group services".split()
)
CONNECT = frozenset(["of", "and", "&", "for", "the", "on", "in", "at"])
# suffix words distinctive enough to make an org of any capitalised run before them, even a
# run that is an ordinary word or a person's name ("Falcon Logistics", "Dennis Electric")
ORG_DISTINCT = frozenset(
    "logistics scientific bank library libraries district partners group labs lab studio studios "
    "design designs electric electrical construction contracting builders plumbing roofing "
    "landscaping trucking transport freight staffing realty properties ventures capital holdings "
    "industries enterprises brands foods motors automotive apparel bakery catering brewing brewery "
    "distillery winery pharmacy dental dentistry orthopedics pediatrics imaging rehab veterinary "
    "homecare interiors furniture flooring outfitters robotics aerospace steel metals plastics "
    "packaging printing chemicals consulting consultants advisors associates foundation "
    "pharmaceuticals therapeutics biosciences insurance architects aviation".split())
# words that may follow a known organization and belong to its name ("Emory Healthcare",
# "Baylor Medicine", "fedex ground", "X University Medical Center")
ORG_TAILS = (("medical", "center"), ("medical", "centre"), ("medical", "group"), ("health", "care"),
              ("health", "system"), ("health", "systems"), ("medicine",), ("healthcare",), ("health",),
              ("hospital",), ("hospitals",), ("freight",), ("ground",), ("logistics",), ("foundation",),
              ("labs",), ("ventures",), ("bank",), ("insurance",), ("aerospace",), ("pharmaceuticals",),
              ("scientific",), ("children's",))
# capitalised words that continue a known organization's name ("Jazz" + "Aviation", "WestJet
# Encore", "X Health Africa", "X Dental Care", "X Professionals"); never places or person names
ORG_TAIL_WORDS = frozenset(
    "aviation encore global care africa professionals architects architecture dental group energy "
    "airlines airways air games studios studio entertainment capital partners solutions services "
    "systems technologies consulting digital labs media holdings international foods brands pharma "
    "healthcare insurance bank financial securities advisory ventures interactive software "
    "engineering construction developments homes logistics networks telecom communications "
    "motors mining minerals resources metals petroleum oil gas power utilities water "
    "foundation trust charity institute academy college university hospital hospitals clinic "
    "clinics laboratories therapeutics biosciences diagnostics vision eyecare optometry pharmacy "
    "wealth investments investment retail stores supermarkets markets express freight "
    "rail transit transport shipping marine ports airport airports estates vineyards wines "
    "winery agri agribusiness nutrition beverages breweries industries enterprises corporation "
    "company limited plc llp llc inc ltd gmbh ag".split())
ORG_TAIL_LOWER = frozenset("medicine healthcare health hospital hospitals freight ground logistics "
                            "foundation".split())
# heads after which "of <Place>" belongs to the name ("United Way of Central Ohio")
OF_PLACE_MODS = frozenset("greater metro metropolitan north south east west northern southern eastern "
                           "western central upper lower coastal mid inland the".split())
PAYSCALE_NEXT = frozenset("scale grade grades level step pay band series".split())
CAMEL_PREFIX = ("Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Du", "St", "Fitz", "O'", "Ja", "Ka")
STRONG_PERSON_CUE = frozenset("ask asked asking ping pinged cc text texted email emailed w/ with "
                               "thank thanked tell told call called".split())
SUFFIX_ALL = ORG_STRONG | ORG_WEAK | ORG_OF_HEADS
OF_PLACE_HEADS = ORG_OF_HEADS | frozenset(
    "way clubs goodwill ymca ywca humanity sisters achievement scouts easterseals charities league legion "
    "corps rotary kiwanis services health hospital network urban arc".split())
# generic words that never make an organization name by themselves ("Career Services")
GENERIC = frozenset(
    "career careers human customer client student students employee employer professional "
    "information technical technology shared business corporate global internal legal "
    "financial finance sales marketing project program programs product operations "
    "support service services talent people research development data digital health "
    "medical public private general community member members alumni office new my our "
    "your the a this that hr it pmo dept department team teams group national regional "
    "local state federal central executive management admissions advancement accounting "
    "engineering design strategy risk security compliance quality supply chain tax audit "
    "graduate undergraduate continuing education training learning job jobs placement "
    "benefits payroll facilities communications relations investor staff small".split()
)
# verbs / words that open a line and are capitalised only because they open it
LEAD_VERBS = frozenset(
    "met meet called call emailed email texted text ask asked talk talked spoke speak "
    "check checked apply applied try tried see saw visit visited contact contacted follow "
    "followed thank thanked join joined read send sent ping pinged intro introduced also "
    "maybe via per thanks lunch coffee dinner breakfast drinks info interview recruiter "
    "todo note notes reminder remember look looking attend attended go went reach "
    "update told tell review reviewed connect connected".split()
)
# previous-word cues that the next name is a person
PERSON_CUE_PREV = frozenset(
    "w/ with met meet meeting call called calling email emailed emailing text texted "
    "ping pinged ask asked asking tell told thank thanked thanks cc intro introduced "
    "introduce contact contacted reach dm dmed message messaged invite invited "
    "speaker moderator panelist host mentor friend friends colleague coworker co-worker "
    "boss manager mgr supervisor director vp svp evp avp agm gm ceo cfo cto coo cmo chro "
    "recruiter sister brother wife husband partner son daughter cousin mom dad mother "
    "father uncle aunt neighbor neighbour classmate roommate cofounder co-founder founder "
    "owner admin assistant hiring head lead chair chairperson president dean professor "
    "coach advisor adviser sponsor referred referral by per and + & or".split()
)
PERSON_CUE_PREV2 = frozenset(["talk to", "talked to", "spoke to", "spoke with", "speak to",
                               "speak with", "intro to", "introduced to", "introduce to",
                               "reach out to", "reached out to", "follow up with",
                               "followed up with", "meeting with", "coffee with",
                               "lunch with", "me to", "connect with", "connected with",
                               "catch up with", "sit down with", "chat with", "chatted with",
                               "sent to", "send to", "forward to", "friends with",
                               "married to", "reports to", "introduced me"])
# next-word cues that the previous name is a person
PERSON_CUE_NEXT = frozenset(
    "said says mentioned thinks thought recommends recommended recommend suggests "
    "suggested knows told asked offered agreed promised introduced intro'd referred "
    "wants wanted advised warned explained shared emailed texted called replied "
    "responded confirmed noted added laughed admitted".split()
)
# previous-word cues for an organization
ORG_CUE_PREV = frozenset(
    "at @ from ex ex- joined join joining left leaving leave @ works worked working "
    "employer company firm client vendor booth sponsor sponsored partner acquired "
    "acquisition competitor competitors".split()
)
ORG_CUE_PREV_MOVE = frozenset("moved went switched jumped transferred applied apply "
                               "referral referred interviewing interviewed".split())
ORG_CUE_NEXT = frozenset(
    "hiring hires hired corporate hq headquarters recruiter recruiters recruiting "
    "careers internship internships booth office offices campus site team teams has "
    "pays paid spun acquired bought laid layoffs layoff uses posted postings posting "
    "jobs openings employees culture benefits alumni stock merger reorg reorganization "
    "division subsidiary's contract contracts rotational returnship dc store stores restructuring "
    "restructure restructured "
    "warehouse plant location locations branch branches facility hub".split()
)
ORG_CUE_PREV2 = frozenset(["moved from", "came from", "switched from", "moved to", "went to",
                            "left for", "jumped to", "transferred to", "works at", "worked at",
                            "working at", "works for", "worked for", "now at", "job at",
                            "role at", "interview at", "interviewing at", "interviewed at",
                            "offer from", "recruiter from", "someone from", "someone at",
                            "people at", "contact at", "friend at", "was at", "is at",
                            "apply to", "applied to", "retired from", "laid off from",
                            "part of", "acquired by", "bought by", "owned by", "subsidiary of",
                            "division of", "spun off from", "merged with", "contract with",
                            "drives for", "drive for", "driver for", "driver at", "nurse at",
                            "shifts at", "hired at", "hired by", "started at", "intern at"])
ORG_CUE_PREV2_STRONG = frozenset(["part of", "acquired by", "bought by", "owned by", "subsidiary of",
                                   "division of", "works at", "worked at", "working at", "works for",
                                   "worked for", "job at", "role at", "offer from", "recruiter from",
                                   "interview at", "interviewing at", "interviewed at", "now at",
                                   "drives for", "driver at", "nurse at", "hired at", "hired by"])
ADVERBS = frozenset("still also is are was were now just really def definitely always "
                     "actively currently".split())
# words after a brand that make it a product/tool, not the company
PRODUCT_NEXT = frozenset(
    "meet analytics sheets docs drive cloud ads adwords certificate certification "
    "certifications cert certs learning premium excel teams word office outlook "
    "workspace suite search maps calendar forms slides classroom sites 365 pay wallet "
    "prime card sheet doc dashboard dashboards studio terminal ratings".split()
)
STATES = frozenset("al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt "
                     "ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc".split())
STATES_LOWER = frozenset("fl nj ny pa ca tx ct md nc sc ga va wa az nv".split())
PLACE_PREFIX = frozenset("lake mount mt fort ft port san santa los las upper lower".split())
PLACE_NEXT = frozenset("twp township county city heights park falls hills borough boro village "
                        "beach lake lakes springs valley junction sq square plaza ave avenue blvd "
                        "rd road st street station neighborhood neighbourhood".split())
LOCAL_CLUBS = frozenset(["rotary", "kiwanis", "lions club", "toastmasters", "ymca", "ywca", "jaycees",
                          "elks", "optimist club", "chamber of commerce", "junior league", "bni",
                          "habitat for humanity", "goodwill", "meetup", "knights of columbus"])
NO_KEYS: frozenset = frozenset()
CERT_WORDS = frozenset("certificate certification certifications cert course courses program bootcamp "
                        "exam degree diploma credential badge training".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds "
                      "thu thur thurs fri sat sun january february march july september october "
                      "november december".split())
COORD = frozenset([" + ", "+", ", ", " and ", " & ", " or ", "/", " / ", " vs ", " vs. ", " + the "])
ORG_CUE_NEXT_STRONG = frozenset("hiring hires corporate hq headquarters recruiter recruiters "
                                 "careers layoffs acquired spun".split())
SUBJ_VERBS = PERSON_CUE_NEXT | frozenset(
    "left joined moved works worked runs ran is was has had went started leads manages owns "
    "got took switched retired quit heads".split())
NEVER_LOWER_ALIAS = frozenset("will may can mark hope bill art pat sue rob guy frank chase "
                               "grant dean rich jack sunny joy june april august".split())
LEGAL = frozenset("inc llc corp co ltd lp llp plc pllc gmbh ag sa nv bv pty limited incorporated "
                   "corporation company se kgaa oyj asa spa srl bhd sdn".split())
# cues after which an unknown all-caps short word is an employer ("left KPLX", "interned at QRMV")
ACRO_CUE = frozenset("at @ from ex ex- joined join joining left leaving".split())
ACRO_CUE2 = frozenset(["works for", "worked for", "working for", "moved to", "went to", "switched to",
                        "jumped to", "recruiter at", "interned at", "intern at", "internship at",
                        "recruiter from", "offer from", "transferred to", "hired by", "contract with"])
CN_SURNAMES = frozenset(
    "tan lim lee ng ong goh chua teo koh wong chan lau yeo tay sim low ho chong foo lai toh quek seah yap "
    "chia khoo heng pang phua soh ang neo liew loh kwek tham chew chin chen li wang zhang liu yang huang "
    "zhao wu zhou xu sun zhu hu guo lin luo gao zheng liang xie song tang han feng deng cao peng zeng "
    "xiao tian dong pan yuan cai jiang yu du ye cheng su lu ding ren shen yao jin fu zhong leong cheong "
    "yeoh teh ooi khor tee lum fong kwan tsang cheung leung yip kwok mok".split())
CN_GIVEN = frozenset(
    "wei ling mei jun hui xin yi jia zhi min hao yu xiao li ying hong jing yan qing lin fang hua jie ming "
    "kai tian yong cheng feng bo chen rui xuan zi han yue lan ping qiang lei bin bao an kang siew kim boon "
    "keng seng hock beng choon chee kok wai yee yoke poh geok swee teck guan huat leong meng soon peng hwee "
    "lay ai xiu shu si wen jian liang jin lian yun xiang zhen hai jiang long jun yang zhong guo kwang "
    "shan shi hua ka ki man kit wing chi sze tsz hoi fai ho lok".split())
ROLE_BEFORE_AT = frozenset(
    "partner partners manager mgr senior associate analyst auditor accountant consultant director intern "
    "internship recruiter engineer lead head vp principal staff job role roles now currently works worked "
    "working employed someone friend contact people tax audit advisory cpa controller bookkeeper".split())
EDU_BEFORE = frozenset(
    "masters master's msc ma mba phd doctorate degree undergrad undergraduate studied studies study "
    "graduated grad graduate alum alumna alumnus lecturer professor prof postdoc teaches taught "
    "lecturing bachelors bachelor's bsc ba llb llm mphil mres beng meng diploma exchange semester".split())
EVENT_PREV = frozenset("hurricane cyclone typhoon storm bsides tropical".split())
PLACE_AFTER = frozenset("airport airports intl terminal station bridge tunnel expressway highway hwy "
                         "parkway stadium arena".split())
BREAK_RE = re.compile(r"[.;:!?()\[\]\"|>]| - ")
PRONOUNS = frozenset("i me my mine he him his she her hers they them their we us our you your it its".split())
STOP_MID_OK = frozenset("innovation learning education community development leadership training "
                         "research technology career workforce".split())
STREET_NEXT = frozenset("sq square plaza ave avenue blvd rd road street station twp township county "
                         "borough boro junction".split())
# "Susan Smith at Citibank", "Susan (Citibank)", "Susan, Citibank", "Susan - VP @ Citibank"
LINK_RE = re.compile(
    r"^\s*(?:,|\(|@|at|from|of|w/|with|-|–|—|\|)\s*$|"
    r"^\s*(?:[-,–—(]|\bis\b)\s*[^()\n]{0,45}?\s(?:at|@|with|from|of|,|-|–)\s*(?:the\s+)?$|"
    r"^\s*(?:[-,–—(])\s*[^()\n]{0,45}?,\s*$",
    re.I,
)
# abbreviations that keep their period as part of the token ("Corp.", "Dept.", "St.")
DOT_ABBR = frozenset("inc corp co ltd llc lp llp plc dept univ assn assoc bros intl natl st ste jr sr mt ft "
                     "cos mfg svc svcs grp hosp ctr".split())
