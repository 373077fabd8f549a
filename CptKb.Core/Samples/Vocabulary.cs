namespace CptKb.Core.Samples;

/// <summary>
/// The words publications are written with, each list ranked from the most to the least common so that
/// <see cref="WordPicker"/> can draw from it with a Zipf-like skew, as real text does.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] Anatomy =
    [
        "knee", "shoulder", "hip", "lumbar spine", "cervical spine", "ankle", "wrist", "elbow", "hand", "foot",
        "femur", "tibia", "humerus", "radius", "ulna", "fibula", "pelvis", "mandible", "maxilla", "skull",
        "clavicle", "scapula", "patella", "meniscus", "rotator cuff", "thoracic spine", "sacrum", "coccyx", "acetabulum", "calcaneus",
        "talus", "metatarsal", "phalanx", "carpal tunnel", "Achilles tendon", "anterior cruciate ligament", "articular cartilage", "bursa", "synovium", "plantar fascia",
        "skin", "subcutaneous tissue", "breast", "thyroid", "parathyroid", "adrenal gland", "kidney", "ureter", "bladder", "prostate",
        "urethra", "testis", "ovary", "uterus", "cervix", "liver", "gallbladder", "pancreas", "spleen", "stomach",
        "esophagus", "duodenum", "colon", "rectum", "appendix", "small intestine", "abdominal wall", "inguinal canal", "diaphragm", "lung",
        "bronchus", "trachea", "larynx", "pharynx", "tonsil", "maxillary sinus", "nasal septum", "eyelid", "cornea", "retina",
        "lens", "middle ear", "tympanic membrane", "heart", "aortic valve", "mitral valve", "coronary artery", "carotid artery", "femoral artery", "aorta",
        "inferior vena cava", "saphenous vein", "lymph node", "brain", "spinal cord", "peripheral nerve", "sciatic nerve", "ulnar nerve", "sesamoid", "hyoid bone",
    ];

    public static readonly string[] Conditions =
    [
        "osteoarthritis", "fracture", "tear", "stenosis", "herniated disc", "degenerative disease", "infection", "abscess", "malignant neoplasm", "benign neoplasm",
        "cyst", "hernia", "obstruction", "hemorrhage", "ischemia", "aneurysm", "occlusion", "deformity", "instability", "dislocation",
        "nonunion", "malunion", "osteomyelitis", "cellulitis", "ulcer", "laceration", "contusion", "trauma", "bone defect", "chronic pain",
        "inflammation", "effusion", "calculus", "stricture", "prolapse", "incontinence", "polyp", "adenoma", "carcinoma", "lymphoma",
        "melanoma", "metastasis", "cirrhosis", "pancreatitis", "cholecystitis", "appendicitis", "diverticulitis", "colitis", "reflux", "dysphagia",
        "sleep apnea", "sinusitis", "otitis media", "cataract", "glaucoma", "retinal detachment", "arrhythmia", "heart failure", "angina", "hypertension",
        "diabetes", "obesity", "anemia", "sepsis", "pneumonia", "asthma", "emphysema", "renal failure", "hematuria", "avascular necrosis",
        "osteoporosis", "scoliosis", "spondylolisthesis", "tendinopathy", "bursitis", "synovitis", "neuropathy", "radiculopathy", "myelopathy", "contracture",
    ];

    public static readonly string[] Procedures =
    [
        "repair", "excision", "reconstruction", "resection", "arthroplasty", "arthroscopy", "biopsy", "debridement", "fixation", "drainage",
        "removal", "replacement", "graft", "osteotomy", "arthrodesis", "incision", "decompression", "fusion", "laminectomy", "discectomy",
        "meniscectomy", "tenotomy", "release", "revision", "amputation", "implantation", "insertion", "ligation", "anastomosis", "bypass",
        "endarterectomy", "angioplasty", "stent placement", "embolization", "catheterization", "aspiration", "injection", "manipulation", "closed reduction", "open reduction",
        "lysis of adhesions", "cholecystectomy", "appendectomy", "colectomy", "hysterectomy", "prostatectomy", "nephrectomy", "thyroidectomy", "mastectomy", "tonsillectomy",
        "septoplasty", "cataract extraction", "vitrectomy", "tenodesis", "capsulorrhaphy", "synovectomy", "sequestrectomy", "neurolysis", "kyphoplasty", "vertebroplasty",
    ];

    public static readonly string[] Approaches =
    [
        "open", "arthroscopic", "laparoscopic", "endoscopic", "percutaneous", "robotic-assisted", "minimally invasive", "microsurgical", "image-guided", "ultrasound-guided",
        "fluoroscopically guided", "transcatheter", "transurethral", "transoral", "posterior", "anterior", "lateral", "bilateral", "staged", "navigated",
    ];

    public static readonly string[] Modalities =
    [
        "MRI", "CT", "ultrasound", "radiograph", "fluoroscopy", "PET", "nuclear medicine scan", "mammography", "angiography", "bone densitometry",
        "echocardiography", "venography", "arthrography", "myelography", "lymphoscintigraphy",
    ];

    public static readonly string[] Contrast = ["without contrast", "with contrast", "without and with contrast"];

    public static readonly string[] LabTests =
    [
        "comprehensive metabolic panel", "lipid panel", "hemoglobin A1c", "thyroid stimulating hormone", "complete blood count", "urinalysis", "bacterial culture", "PCR assay", "genomic sequencing", "drug screen",
        "troponin", "prothrombin time", "vitamin D", "ferritin", "prostate specific antigen", "HIV antigen", "hepatitis panel", "molecular pathology", "surgical pathology examination", "cytopathology",
        "flow cytometry", "immunohistochemistry", "allergen specific IgE", "blood gas analysis", "coagulation factor assay",
    ];

    public static readonly string[] MedicineServices =
    [
        "immunization administration", "psychotherapy", "physical therapy evaluation", "therapeutic exercise", "chemotherapy infusion", "hydration infusion", "electrocardiogram", "cardiac stress test", "pulmonary function test", "polysomnography",
        "hemodialysis", "allergy testing", "audiometry", "ophthalmological examination", "remote patient monitoring", "chiropractic manipulation", "osteopathic manipulation", "cardiac rehabilitation", "nerve conduction study", "electroencephalogram",
        "biofeedback training", "speech therapy", "occupational therapy evaluation", "wound care management", "home health visit",
    ];

    public static readonly string[] VisitKinds =
    [
        "office or other outpatient visit", "hospital inpatient care", "emergency department visit", "critical care", "office consultation", "nursing facility visit", "home visit", "prolonged service", "chronic care management", "transitional care management",
    ];

    public static readonly string[] Specialties =
    [
        "orthopedic surgery", "general surgery", "cardiology", "radiology", "pathology", "gastroenterology", "urology", "obstetrics and gynecology", "otolaryngology", "ophthalmology",
        "neurosurgery", "plastic surgery", "vascular surgery", "pulmonology", "oncology", "primary care", "emergency medicine", "anesthesiology", "physical medicine", "dermatology",
    ];

    public static readonly string[] BillingNouns =
    [
        "documentation", "medical necessity", "reimbursement", "claim", "payment", "fee schedule", "allowed amount", "relative value unit", "global period", "prior authorization",
        "coverage policy", "denial", "appeal", "audit", "bundling", "NCCI edit", "modifier", "diagnosis code", "ICD-10-CM code", "place of service",
        "facility fee", "professional fee", "technical component", "professional component", "operative report", "coding guideline", "payer policy", "local coverage determination", "national coverage determination", "utilization review",
        "precertification", "clinical criteria", "site-of-service differential", "ambulatory payment classification", "diagnosis-related group", "contract rate", "coinsurance", "deductible", "copayment", "benefit plan",
        "network status", "out-of-network claim", "timely filing", "claim scrubber", "charge master", "remittance advice", "explanation of benefits", "revenue cycle", "charge capture", "multiple procedure reduction",
    ];

    public static readonly string[] ClinicalNouns =
    [
        "patient", "surgeon", "physician", "imaging", "history", "physical examination", "symptoms", "function", "pain", "range of motion",
        "swelling", "weakness", "numbness", "mobility", "recovery", "rehabilitation", "follow-up", "complication", "risk", "outcome",
        "anesthesia", "sedation", "antibiotics", "analgesia", "wound care", "dressing", "sutures", "implant", "hardware", "device",
        "catheter", "specimen", "surgical margin", "pathology report", "informed consent", "anesthesiologist", "radiologist", "pathologist", "nurse practitioner", "physician assistant",
        "care team", "discharge plan", "comorbidities", "allergies", "laboratory values", "vital signs", "hemostasis", "blood loss", "tourniquet time", "frozen section",
    ];

    public static readonly string[] Adjectives =
    [
        "complex", "routine", "significant", "moderate", "severe", "chronic", "acute", "recurrent", "persistent", "progressive",
        "symptomatic", "elective", "urgent", "emergent", "primary", "secondary", "extensive", "limited", "comprehensive", "focused",
        "separate", "distinct", "documented", "appropriate", "consistent", "additional", "prior", "subsequent", "postoperative", "preoperative",
        "intraoperative", "outpatient", "inpatient", "national", "regional", "commercial", "conservative", "refractory", "unilateral", "multilevel",
    ];

    public static readonly string[] Verbs =
    [
        "requires", "supports", "affects", "determines", "includes", "reflects", "documents", "establishes", "confirms", "limits",
        "shapes", "influences", "drives", "complicates", "justifies", "precedes", "accompanies", "guides",
    ];

    public static readonly string[] Sites =
    [
        "Outpatient hospital", "Ambulatory surgery center", "Physician office", "Inpatient hospital", "Independent laboratory", "Independent diagnostic testing facility",
        "Emergency department", "Skilled nursing facility", "Patient home", "Telehealth",
    ];

    /// <summary>Payers in the order of how often publications name them.</summary>
    public static readonly string[] Payers =
    [
        "Medicare", "Aetna", "UnitedHealthcare", "Blue Cross Blue Shield", "Cigna Health", "Humana", "Medicaid", "Anthem", "Kaiser Permanente", "Centene",
        "Molina Healthcare", "Tricare", "Highmark", "Elevance Health", "WellCare", "Oscar Health", "CareFirst", "Health Net", "Independence Blue Cross", "Ambetter",
    ];

    /// <summary>Real CPT modifiers: code, description, and when to use it (with {0} for a procedure word).</summary>
    public static readonly (string Code, string Description, string WhenToUse)[] Modifiers =
    [
        ("22", "Increased procedural services", "Substantially greater work than usual, documented in the operative report"),
        ("59", "Distinct procedural service", "A separate site, session or incision from the primary {0}"),
        ("51", "Multiple procedures", "More than one procedure in the same session, ranked by relative value"),
        ("RT", "Right side", "The {0} is performed on the right side only"),
        ("LT", "Left side", "The {0} is performed on the left side only"),
        ("50", "Bilateral procedure", "The same {0} is performed on both sides in one session"),
        ("26", "Professional component", "Only the interpretation and report are billed by the physician"),
        ("TC", "Technical component", "Only the equipment, supplies and staff are billed by the facility"),
        ("80", "Assistant surgeon", "An assistant surgeon is medically necessary for the {0}"),
        ("62", "Two surgeons", "Two surgeons of different specialties each perform a distinct part of the {0}"),
        ("58", "Staged or related procedure", "A planned second stage of the {0} within the global period"),
        ("78", "Unplanned return to the operating room", "A related complication requires a return during the global period"),
        ("79", "Unrelated procedure during the postoperative period", "A new condition is treated during the global period"),
        ("76", "Repeat procedure by same physician", "The same physician repeats the {0} on the same day"),
        ("77", "Repeat procedure by another physician", "Another physician repeats the {0} on the same day"),
        ("52", "Reduced services", "The {0} is partially reduced at the physician's discretion"),
        ("53", "Discontinued procedure", "The {0} is stopped because of a threat to the patient's well-being"),
        ("XS", "Separate structure", "The service is performed on a separate organ or structure"),
        ("XU", "Unusual non-overlapping service", "The service does not overlap the usual components of the main service"),
        ("25", "Significant, separately identifiable evaluation and management service", "A visit beyond the usual pre-procedure assessment on the same day"),
        ("57", "Decision for surgery", "The visit that resulted in the initial decision to perform a major {0}"),
        ("AS", "Non-physician assistant at surgery", "A physician assistant or nurse practitioner assists at surgery"),
        ("82", "Assistant surgeon when qualified resident not available", "No qualified resident surgeon is available in a teaching hospital"),
        ("91", "Repeat clinical diagnostic laboratory test", "The same test is repeated on the same day to obtain new results"),
        ("90", "Reference laboratory", "An outside laboratory performs the test for the billing provider"),
        ("QW", "CLIA waived test", "The test is performed in a facility with a certificate of waiver"),
        ("95", "Synchronous telemedicine service", "The service is delivered by real-time audio and video"),
        ("47", "Anesthesia by surgeon", "The surgeon provides regional or general anesthesia for the {0}"),
        ("AA", "Anesthesia services performed personally by anesthesiologist", "The anesthesiologist personally performs the entire case"),
        ("QK", "Medical direction of two to four concurrent anesthesia procedures", "An anesthesiologist directs two to four concurrent cases"),
    ];

    public static readonly string[] Sexes = ["man", "woman"];

    public static readonly string[] Events =
    [
        "a fall from standing height", "a motor vehicle collision", "a sports injury", "months of conservative treatment", "a workplace injury",
        "an abnormal screening result", "progressive symptoms over two years", "a referral from primary care", "an emergency department visit", "failed physical therapy",
    ];
}
