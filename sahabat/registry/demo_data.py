"""Word lists for the demo register: people's names, kinds of business, products and prices.

Jember's owners carry Javanese and Madurese names (the regency is both), Sarolangun's Malay/Jambi
names with some Javanese in the transmigration districts. Prices are rupiah ranges seen on local
marketplaces in 2024; KBLI codes are the 2020 edition.
"""
from __future__ import annotations

from dataclasses import dataclass

JEMBER = "35.09"
SAROLANGUN = "15.03"


@dataclass(frozen=True)
class ProductSpec:
    name: str
    category: str
    low: int
    high: int
    unit: str = "pcs"


@dataclass(frozen=True)
class Kind:
    """One kind of business: its names, what it sells, and where in the regency it clusters."""

    key: str
    sector: str
    weight: int
    kbli: str
    names: tuple[str, ...]
    products: tuple[ProductSpec, ...]
    # Makers of packaged food may hold a P-IRT, a halal certificate and, when larger, a BPOM MD number;
    # eating places and caterers need none of these.
    food: bool = False
    # Districts (by name) where this kind is four times as common.
    districts: tuple[str, ...] = ()


def _products(category: str, unit: str, *items: tuple[str, int, int]) -> tuple[ProductSpec, ...]:
    return tuple(ProductSpec(name, category, low, high, unit) for name, low, high in items)


# Name templates: {blessing} a good-fortune name, {person} "Bu Siti", {place} the village.
BLESSINGS = (
    "Sumber Rejeki", "Barokah", "Berkah Jaya", "Maju Jaya", "Sumber Makmur", "Sinar Abadi", "Mekar Sari",
    "Karya Mandiri", "Rizki Abadi", "Tunas Harapan", "Sido Mulyo", "Sri Rejeki", "Lestari", "Cahaya Baru",
    "Amanah", "Al-Ikhlas", "Sejahtera", "Jaya Abadi", "Putra Jaya", "Sari Rasa", "Citra Rasa", "Anugerah",
    "Harapan Baru", "Mandiri Jaya", "Bintang Timur", "Sumber Alam", "Surya Abadi", "Kurnia", "Mulya",
    "Mitra Usaha", "Tiga Saudara", "Dua Putri", "Fajar", "Melati", "Sumber Berkah", "Rejeki Lancar",
)

TRADE = Kind(
    "kelontong", "trade", 14, "47112",
    ("Toko {blessing}", "Toko {person}", "Warung {person}", "Toko Kelontong {blessing}", "UD {blessing}",
     "Toko Sembako {blessing}"),
    _products(
        "food", "pcs",
        ("Beras medium 5 kg", 62000, 78000), ("Minyak goreng 2 L", 32000, 40000),
        ("Gula pasir 1 kg", 16000, 19000),
        ("Telur ayam 1 kg", 26000, 32000), ("Tepung terigu 1 kg", 12000, 15000),
        ("Paket sembako", 100000, 175000),
        ("Gas LPG 3 kg", 20000, 25000),
    ),
)
LAUNDRY = Kind(
    "laundry", "services", 2, "96112",
    ("{blessing} Laundry", "Laundry {person}", "Laundry Kiloan {blessing}"),
    _products(
        "services", "kg",
        ("Cuci setrika per kg", 6000, 9000), ("Cuci kering per kg", 4000, 6000),
        ("Setrika saja per kg", 4000, 6000),
        ("Cuci bed cover", 20000, 35000), ("Cuci karpet per m²", 12000, 20000),
    ),
)
WORKSHOP = Kind(
    "bengkel", "services", 3, "45407",
    ("Bengkel {person}", "Bengkel Motor {blessing}", "Bengkel {blessing} Motor"),
    _products(
        "services", "kali",
        ("Servis ringan sepeda motor", 35000, 60000), ("Ganti oli mesin", 45000, 65000),
        ("Tambal ban", 10000, 15000),
        ("Ganti kampas rem", 40000, 70000), ("Servis karburator", 50000, 90000),
    ),
)
BARBER = Kind(
    "salon", "services", 2, "96111",
    ("Pangkas Rambut {person}", "Salon {blessing}", "Salon {person}"),
    _products(
        "beauty", "kali",
        ("Potong rambut pria", 15000, 25000), ("Creambath", 40000, 75000),
        ("Smoothing rambut", 150000, 300000),
        ("Rias pengantin", 1500000, 3500000), ("Potong rambut anak", 10000, 20000),
    ),
)
CATERING = Kind(
    "katering", "food", 3, "56210",
    ("Katering {person}", "Dapur {person}", "Katering {blessing}"),
    _products(
        "food", "kotak",
        ("Nasi kotak ayam", 15000, 25000), ("Tumpeng mini", 35000, 60000), ("Snack box isi 3", 8000, 15000),
        ("Prasmanan per porsi", 25000, 40000), ("Nasi tumpeng 20 porsi", 350000, 600000),
    ),
)
COMMON_KINDS = (TRADE, LAUNDRY, WORKSHOP, BARBER, CATERING)

JEMBER_KINDS = COMMON_KINDS + (
    Kind(
        "kopi", "food", 10, "10761",
        ("Kopi {blessing}", "Kopi {person}", "Kopi Rakyat {place}", "Kopi Robusta {place}",
         "Toko Kopi {blessing}", "UD Kopi {blessing}"),
        _products(
            "beverage", "pack",
            ("Kopi bubuk robusta 250 g", 25000, 40000), ("Kopi robusta biji sangrai 1 kg", 90000, 140000),
            ("Kopi lanang 200 g", 45000, 70000), ("Kopi arabika Argopuro 250 g", 55000, 85000),
            ("Kopi luwak robusta 100 g", 100000, 175000),
            ("Green bean robusta petik merah 1 kg", 45000, 65000),
            ("Kopi jahe sachet isi 10", 15000, 25000),
        ),
        food=True, districts=("Panti", "Silo", "Sumberjambe", "Ledokombo", "Sukowono", "Sukorambi", "Jelbuk"),
    ),
    Kind(
        "tape", "food", 8, "10799",
        ("Tape {person}", "Tape Manis {blessing}", "Tape Singkong {place}", "Tape {blessing}"),
        _products(
            "food", "besek",
            ("Tape singkong besek 1 kg", 12000, 20000), ("Tape singkong kotak", 15000, 25000),
            ("Tape ketan hitam 500 g", 15000, 22000), ("Brownies tape", 35000, 55000),
            ("Tape goreng isi 10", 10000, 15000), ("Pia tape isi 10", 25000, 35000),
        ),
        food=True, districts=("Kaliwates", "Patrang", "Sumbersari", "Arjasa", "Pakusari"),
    ),
    Kind(
        "oleh_oleh", "food", 8, "10710",
        ("Suwar-Suwir {blessing}", "Prol Tape {person}", "Pusat Oleh-Oleh {blessing}",
         "Toko Oleh-Oleh {place}", "Prol Tape {blessing}"),
        _products(
            "food", "box",
            ("Suwar-suwir aneka rasa 250 g", 15000, 25000), ("Suwar-suwir cokelat 500 g", 25000, 40000),
            ("Prol tape original", 30000, 45000), ("Prol tape keju", 40000, 60000),
            ("Dodol tape", 20000, 30000),
            ("Bolu tape", 30000, 45000), ("Pia tape isi 10", 25000, 35000),
        ),
        food=True, districts=("Kaliwates", "Patrang", "Sumbersari"),
    ),
    Kind(
        "keripik", "food", 9, "10794",
        ("Keripik {blessing}", "Kerupuk {person}", "Aneka Keripik {place}", "UD Kerupuk {blessing}"),
        _products(
            "food", "pack",
            ("Keripik singkong balado 250 g", 10000, 18000), ("Keripik pisang manis 250 g", 12000, 20000),
            ("Kerupuk puli", 10000, 15000), ("Keripik tempe 200 g", 12000, 18000),
            ("Rengginang ketan", 15000, 25000),
            ("Opak gambir", 15000, 25000), ("Keripik edamame 100 g", 15000, 25000),
        ),
        food=True,
    ),
    Kind(
        "kue", "food", 5, "10710",
        ("Kue {person}", "Dapur Kue {person}", "Aneka Kue {blessing}", "Dodol {blessing}"),
        _products(
            "food", "box",
            ("Dodol ketan", 20000, 35000), ("Lapis legit", 120000, 200000),
            ("Kue lumpur isi 10", 20000, 30000),
            ("Bakpia kacang hijau", 25000, 35000), ("Nastar 500 g", 60000, 90000),
            ("Kastengel 500 g", 65000, 95000),
        ),
        food=True,
    ),
    Kind(
        "warung", "food", 10, "56102",
        ("Warung {person}", "Rumah Makan {blessing}", "Depot {person}", "Warung Pecel {person}",
         "Rawon {person}"),
        _products(
            "food", "porsi",
            ("Nasi pecel", 8000, 13000), ("Rawon daging", 15000, 25000), ("Soto ayam", 12000, 18000),
            ("Nasi campur", 12000, 20000), ("Rujak soto", 12000, 18000), ("Lontong kupang", 12000, 18000),
            ("Es teh manis", 3000, 5000),
        ),
    ),
    Kind(
        "edamame", "agriculture", 4, "01113",
        ("Tani Edamame {blessing}", "Edamame {place}", "Hortikultura {blessing}"),
        _products(
            "agriculture", "kg",
            ("Edamame segar 1 kg", 18000, 28000), ("Edamame beku 500 g", 15000, 22000),
            ("Okra segar 1 kg", 10000, 15000),
            ("Keripik edamame 100 g", 15000, 25000), ("Benih edamame 1 kg", 60000, 90000),
        ),
        districts=("Ajung", "Jenggawah", "Mumbulsari", "Ambulu", "Rambipuji", "Sukorambi"),
    ),
    Kind(
        "tembakau", "agriculture", 3, "01150",
        ("Tembakau {blessing}", "Gudang Tembakau {person}", "Tembakau {place}"),
        _products(
            "agriculture", "kg",
            ("Tembakau rajangan kasturi 1 kg", 60000, 90000), ("Tembakau Na-Oogst krosok 1 kg", 50000, 80000),
            ("Tembakau iris 100 g", 15000, 25000), ("Tembakau Besuki VO 1 kg", 45000, 70000),
        ),
        districts=("Kalisat", "Ajung", "Jenggawah", "Sukowono", "Mayang", "Arjasa"),
    ),
    Kind(
        "batik", "fashion", 5, "13134",
        ("Batik {blessing}", "Batik Labako {person}", "Sanggar Batik {place}", "Galeri Batik {blessing}"),
        _products(
            "fashion", "lembar",
            ("Kain batik tulis motif daun tembakau", 250000, 600000),
            ("Kain batik cap motif kopi", 100000, 175000),
            ("Kemeja batik pria", 125000, 250000), ("Blus batik wanita", 110000, 200000),
            ("Selendang batik", 75000, 125000), ("Masker kain batik", 10000, 15000),
        ),
        districts=("Sumbersari", "Kaliwates", "Patrang", "Sukorambi"),
    ),
    Kind(
        "konveksi", "fashion", 3, "14111",
        ("Konveksi {blessing}", "Penjahit {person}", "Busana Muslim {blessing}"),
        _products(
            "fashion", "pcs",
            ("Seragam sekolah satu stel", 90000, 150000), ("Kaos sablon Jember", 55000, 85000),
            ("Jilbab segi empat", 25000, 50000), ("Gamis katun", 150000, 275000),
            ("Jas almamater", 175000, 275000),
        ),
    ),
    Kind(
        "anyaman", "craft", 4, "16292",
        ("Kerajinan Bambu {place}", "Anyaman {blessing}", "Kerajinan {person}"),
        _products(
            "craft", "pcs",
            ("Tas anyaman pandan", 50000, 120000), ("Tikar pandan", 60000, 110000),
            ("Kap lampu bambu", 75000, 150000),
            ("Besek bambu isi 10", 15000, 25000), ("Gantungan kunci kayu", 5000, 10000),
        ),
    ),
    Kind(
        "mebel", "manufacturing", 2, "31001",
        ("Meubel {blessing}", "Mebel {person}", "UD Mebel {blessing}"),
        _products(
            "other", "unit",
            ("Kursi tamu jati satu set", 3500000, 8000000), ("Lemari pakaian dua pintu", 1500000, 3500000),
            ("Meja makan kayu", 1200000, 2800000), ("Dipan kayu", 1000000, 2500000),
            ("Pintu panel kayu", 900000, 1800000),
        ),
    ),
    Kind(
        "ikan_asin", "fishery", 4, "10211",
        ("Ikan Asin {blessing}", "Terasi {person}", "UD Hasil Laut {place}"),
        _products(
            "food", "pack",
            ("Ikan asin teri 500 g", 35000, 60000), ("Ikan asin jambal roti 250 g", 40000, 70000),
            ("Terasi udang Puger 250 g", 15000, 25000), ("Petis ikan 250 g", 15000, 25000),
            ("Ikan pindang tongkol isi 2", 10000, 15000), ("Kerupuk udang Puger 250 g", 25000, 40000),
        ),
        food=True, districts=("Puger", "Gumukmas", "Kencong", "Ambulu", "Wuluhan"),
    ),
    Kind(
        "ternak", "livestock", 3, "01441",
        ("Ternak Kambing {person}", "Peternakan {blessing}", "Susu Etawa {place}"),
        _products(
            "agriculture", "botol",
            ("Susu kambing etawa 250 ml", 12000, 18000), ("Susu kambing bubuk 200 g", 50000, 80000),
            ("Telur ayam kampung isi 10", 25000, 35000), ("Kambing etawa dewasa", 2500000, 5000000),
        ),
    ),
)

SAROLANGUN_KINDS = COMMON_KINDS + (
    Kind(
        "lempok", "food", 8, "10799",
        ("Lempok Durian {person}", "Lempok {blessing}", "Oleh-Oleh Sarolangun {blessing}"),
        _products(
            "food", "pack",
            ("Lempok durian 250 g", 35000, 55000), ("Lempok durian 500 g", 65000, 95000),
            ("Dodol nanas", 20000, 30000), ("Tempoyak 500 g", 20000, 35000),
            ("Durian kupas 1 kg", 50000, 90000),
            ("Bolu durian", 45000, 70000),
        ),
        food=True, districts=("Sarolangun", "Limun", "Batang Asai", "Pelawan"),
    ),
    Kind(
        "pempek", "food", 10, "56102",
        ("Pempek {person}", "Pempek {blessing}", "Warung {person}", "Rumah Makan {blessing}",
         "Kedai {person}"),
        _products(
            "food", "porsi",
            ("Pempek kapal selam", 12000, 18000), ("Pempek lenjer satu paket", 35000, 60000),
            ("Tekwan", 12000, 18000),
            ("Model ikan", 12000, 18000), ("Gulai ikan patin", 20000, 35000), ("Nasi gemuk", 10000, 15000),
            ("Gulai tepek ikan", 20000, 30000),
        ),
    ),
    Kind(
        "keripik", "food", 7, "10794",
        ("Kerupuk {person}", "Keripik {blessing}", "Aneka Kerupuk {place}"),
        _products(
            "food", "pack",
            ("Kerupuk ikan patin 250 g", 20000, 30000), ("Keripik pisang 250 g", 12000, 20000),
            ("Kerupuk kulit sapi", 15000, 25000), ("Keripik ubi balado", 12000, 18000),
            ("Rengginang", 15000, 22000),
            ("Kemplang ikan", 20000, 30000),
        ),
        food=True,
    ),
    Kind(
        "kue", "food", 4, "10710",
        ("Kue {person}", "Dapur Kue {person}", "Kue Tradisional {blessing}"),
        _products(
            "food", "box",
            ("Kue padamaran isi 10", 15000, 25000), ("Kue gandus", 10000, 15000),
            ("Roti jala dengan kari", 20000, 30000),
            ("Kue bangkit", 25000, 40000), ("Bolu pandan", 30000, 45000), ("Kue srikaya", 15000, 25000),
        ),
        food=True,
    ),
    Kind(
        "gula_aren", "food", 3, "10722",
        ("Gula Aren {place}", "Gula Aren {person}", "Gula Semut {blessing}"),
        _products(
            "food", "kg",
            ("Gula aren cetak 1 kg", 25000, 40000), ("Gula semut aren 500 g", 30000, 45000),
            ("Nira aren botol", 10000, 15000), ("Gula aren cair 250 ml", 20000, 30000),
        ),
        food=True, districts=("Batang Asai", "Limun", "Cermin Nan Gedang"),
    ),
    Kind(
        "madu", "agriculture", 3, "01499",
        ("Madu Hutan {place}", "Madu {blessing}", "Madu Sialang {person}"),
        _products(
            "food", "botol",
            ("Madu hutan sialang 500 ml", 100000, 175000), ("Madu hutan 250 ml", 60000, 90000),
            ("Madu kelulut 250 ml", 90000, 150000), ("Sarang madu 500 g", 80000, 120000),
        ),
        food=True, districts=("Air Hitam", "Mandiangin", "Mandiangin Timur", "Pauh"),
    ),
    Kind(
        "kopi", "food", 3, "10761",
        ("Kopi {place}", "Kopi Liberika {blessing}", "Kopi {person}"),
        _products(
            "beverage", "pack",
            ("Kopi liberika bubuk 250 g", 35000, 55000), ("Kopi liberika biji sangrai 1 kg", 150000, 220000),
            ("Kopi robusta Batang Asai 250 g", 30000, 45000), ("Kopi jahe sachet isi 10", 15000, 25000),
        ),
        food=True, districts=("Batang Asai", "Limun", "Pelawan"),
    ),
    Kind(
        "songket", "fashion", 3, "13134",
        ("Songket {blessing}", "Batik Jambi {person}", "Sanggar Tenun {place}"),
        _products(
            "fashion", "lembar",
            ("Kain songket Jambi", 750000, 2500000), ("Selendang songket", 250000, 500000),
            ("Kain batik Jambi motif durian pecah", 200000, 450000), ("Kemeja batik Jambi", 150000, 275000),
            ("Tanjak Melayu", 75000, 150000),
        ),
        districts=("Sarolangun", "Singkut"),
    ),
    Kind(
        "anyaman", "craft", 3, "16292",
        ("Anyaman Rotan {place}", "Kerajinan {person}", "Anyaman {blessing}"),
        _products(
            "craft", "pcs",
            ("Tikar pandan", 75000, 125000), ("Keranjang rotan", 50000, 100000),
            ("Ambung rotan", 60000, 120000),
            ("Kursi rotan", 350000, 750000), ("Tudung saji pandan", 35000, 60000),
        ),
    ),
    Kind(
        "kebun", "agriculture", 6, "01291",
        ("Kebun Karet {person}", "Tani Sawit {blessing}", "Kebun {person}"),
        _products(
            "agriculture", "kg",
            ("Bokar getah karet per kg", 9000, 13000), ("TBS sawit per kg", 2000, 3000),
            ("Bibit karet okulasi", 7000, 12000), ("Bibit sawit siap tanam", 25000, 45000),
            ("Pinang kering per kg", 12000, 20000),
        ),
        districts=("Pauh", "Mandiangin", "Air Hitam", "Singkut", "Pelawan", "Bathin VIII",
                   "Mandiangin Timur"),
    ),
    Kind(
        "ikan", "fishery", 5, "10212",
        ("Kolam Patin {person}", "Ikan Salai {blessing}", "Perikanan {place}"),
        _products(
            "food", "kg",
            ("Ikan patin segar 1 kg", 22000, 30000), ("Ikan salai patin 500 g", 60000, 90000),
            ("Ikan salai baung 500 g", 70000, 110000), ("Benih ikan nila isi 100", 25000, 40000),
            ("Abon ikan patin 100 g", 25000, 40000),
        ),
        food=True, districts=("Sarolangun", "Pelawan", "Singkut", "Mandiangin", "Bathin VIII"),
    ),
    Kind(
        "ternak", "livestock", 2, "01412",
        ("Ternak {person}", "Peternakan {blessing}"),
        _products(
            "agriculture", "ekor",
            ("Ayam kampung hidup", 75000, 110000), ("Telur ayam kampung isi 10", 25000, 35000),
            ("Kambing kacang", 2000000, 4000000), ("Sapi bali", 12000000, 18000000),
        ),
    ),
)

# Given names; Javanese names often get a second one from JAVANESE_SECOND_MEN/WOMEN.
JAVANESE_MEN = (
    "Agus", "Bambang", "Budi", "Dwi", "Eko", "Hadi", "Hari", "Heru", "Joko", "Yudi", "Slamet", "Sugeng",
    "Sugiono", "Suparman", "Sutrisno", "Wahyu", "Teguh", "Puji", "Rudi", "Andik", "Didik", "Bagus", "Tri",
    "Sumarno", "Suyitno", "Nanang", "Anang", "Gatot", "Sukardi", "Mulyono",
)
JAVANESE_WOMEN = (
    "Sri", "Siti", "Endang", "Sumiati", "Tutik", "Rini", "Yuli", "Dewi", "Ninik", "Sulastri", "Kusmiati",
    "Lilik", "Nanik", "Puji", "Indah", "Wiwik", "Erna", "Umi", "Retno", "Sumarni", "Suprapti", "Yuliana",
    "Musripah",
)
JAVANESE_SECOND_MEN = (
    "Santoso", "Prasetyo", "Setiawan", "Hartono", "Susanto", "Wibowo", "Purnomo", "Kurniawan", "Hidayat",
    "Saputro", "Wahyudi", "Cahyono", "Nugroho", "Suryadi", "Haryanto", "Riyadi", "Sulistyo",
)
JAVANESE_SECOND_WOMEN = (
    "Wahyuni", "Rahayu", "Lestari", "Astuti", "Handayani", "Rahmawati", "Aminah", "Mulyani", "Kurniasih",
    "Susanti", "Wulandari", "Purwanti", "Ningsih",
)
MADURESE_MEN = (
    "Moh. Holil", "Abd. Rahman", "Sahwi", "Marsuki", "Misnadi", "Sunadi", "Fathor Rahman", "Rofik",
    "Zainal Arifin", "Hasan Basri", "Samsul Arifin", "Buhari", "Juhari", "Matsari", "Sahrawi", "Busiri",
    "Hosnan", "Mat Sani", "Imam Syafi'i", "Subairi", "Ahmad Fauzi", "Nurhasan", "Saiful Bahri", "Halili",
    "Moh. Saleh", "Abd. Wahid", "Moh. Rasyid", "Sudarsono", "Marzuki", "Hairul Anam",
)
MADURESE_WOMEN = (
    "Suliha", "Hosniyah", "Maimunah", "Musyarofah", "Sitti Aisyah", "Hodijah", "Halimah", "Suhaimah",
    "Mutmainnah", "Romlah", "Saniyah", "Juhairiyah", "Nurhayati", "Syamsiyah", "Faridah", "Holifah",
    "Sitti Fatimah", "Marhamah", "Sumaiyah", "Nur Hasanah",
)
MALAY_MEN = (
    "Abdul Rahman", "Amiruddin", "Syahrial", "Zulkifli", "Hasbullah", "Ridwan", "M. Yusuf", "Azhar", "Jufri",
    "Herman", "Syafrizal", "Darmawan", "Zainuddin", "Hasanuddin", "Baharuddin", "Kamaluddin", "Syamsul Bahri",
    "Ismail", "Sulaiman", "Ahmad Sopian", "Mukhlis", "Rusli", "Idris", "Marzuki", "Effendi", "Arpan",
    "Saparudin", "Hendri", "Afrizal", "Yusran", "M. Nasir", "Abdul Hamid",
)
MALAY_WOMEN = (
    "Nurhayati", "Rosmawati", "Yusniar", "Zubaidah", "Fatimah", "Nurbaiti", "Mardiana", "Rahmah", "Halimah",
    "Asnidar", "Elvi Yanti", "Ernawati", "Rosnani", "Nurjanah", "Maryam", "Hasanah", "Rohani", "Jamilah",
    "Yulianti", "Aminah", "Salmah", "Zuraida", "Rosdiana", "Hartati", "Masnah", "Nuraini",
)
# Words that start a name but are not what people are called by ("Bu Siti Aminah" is "Bu Aminah").
NAME_PREFIXES = frozenset({"Moh.", "Abd.", "M.", "Abdul", "Sitti", "Siti", "Sri", "Nur", "Ahmad", "H.",
                           "Hj."})

JEMBER_HONORIFICS = {"M": ("Pak", "Cak", "Mas", "Pak"), "F": ("Bu", "Mbak", "Mak", "Bu")}
SAROLANGUN_HONORIFICS = {"M": ("Pak", "Wak", "Bang", "Pak"), "F": ("Bu", "Mak", "Kak", "Bu")}

# Hamlets (dusun) are not in the Kemendagri tree; these names are common in each regency.
JEMBER_HAMLETS = (
    "Krajan", "Krajan Lor", "Krajan Kidul", "Karang Anyar", "Tegalrejo", "Sumberan", "Gumuk", "Curahlele",
    "Kebonsari", "Sidomulyo", "Sukorejo", "Karangsono", "Tegal Pasir", "Panjen",
)
SAROLANGUN_HAMLETS = (
    "Dusun Baru", "Dusun Lamo", "Dusun Tengah", "Dusun I", "Dusun II", "Dusun III", "Dusun IV",
)
JEMBER_STREETS = (
    "Jl. Gajah Mada", "Jl. Hayam Wuruk", "Jl. Sultan Agung", "Jl. Kartini", "Jl. Diponegoro",
    "Jl. PB Sudirman", "Jl. Letjen Suprapto", "Jl. Mastrip", "Jl. Kalimantan", "Jl. Jawa", "Jl. Trunojoyo",
    "Jl. Karimata", "Jl. Moh. Yamin", "Jl. Brantas", "Jl. Slamet Riyadi",
)
SAROLANGUN_STREETS = (
    "Jl. Lintas Sumatera", "Jl. Lintas Sarolangun-Bangko", "Jl. Kolonel Abunjani", "Jl. Jenderal Sudirman",
    "Jl. Pattimura", "Jl. Gajah Mada", "Jl. Lingkar Selatan", "Jl. Ahmad Yani",
)
# Districts whose places are mostly streets, not hamlets.
TOWN_DISTRICTS = frozenset({"Kaliwates", "Patrang", "Sumbersari", "Sarolangun"})


@dataclass(frozen=True)
class Profile:
    code: str
    kinds: tuple[Kind, ...]
    men: tuple[tuple[str, ...], ...]
    women: tuple[tuple[str, ...], ...]
    honorifics: dict[str, tuple[str, ...]]
    hamlets: tuple[str, ...]
    streets: tuple[str, ...]
    # Districts whose people are largely Javanese transmigrants (Sarolangun).
    javanese_districts: tuple[str, ...] = ()
    # Districts with more businesses per village (the town).
    busy_districts: tuple[str, ...] = ()
    # The kind of business whose first owner gets the demo UMKM login.
    signature_kind: str = ""


PROFILES = {
    JEMBER: Profile(
        JEMBER, JEMBER_KINDS, (JAVANESE_MEN, MADURESE_MEN), (JAVANESE_WOMEN, MADURESE_WOMEN),
        JEMBER_HONORIFICS, JEMBER_HAMLETS, JEMBER_STREETS,
        busy_districts=("Kaliwates", "Patrang", "Sumbersari"), signature_kind="kopi",
    ),
    SAROLANGUN: Profile(
        SAROLANGUN, SAROLANGUN_KINDS, (MALAY_MEN,), (MALAY_WOMEN,),
        SAROLANGUN_HONORIFICS, SAROLANGUN_HAMLETS, SAROLANGUN_STREETS,
        javanese_districts=("Singkut", "Pauh", "Mandiangin", "Air Hitam"),
        busy_districts=("Sarolangun", "Singkut"), signature_kind="lempok",
    ),
}

# Spelling variants seen when one business is typed again by another office (for duplicates).
NAME_VARIANTS = (
    ("Toko ", "TK. "), ("Rejeki", "Rezeki"), ("Rejeki", "Rejeky"), ("Rizki", "Rezki"), ("Barokah", "Barakah"),
    ("Sumber", "Sbr."), ("Sumber", "Soember"), ("Jaya", "Djaya"), ("Makmur", "Makmoer"), ("UD ", "UD. "),
    ("UD ", ""), ("Warung ", "Warung Makan "), ("Warung ", "WR. "), ("Suwar-Suwir", "Suwar Suwir"),
    ("Oleh-Oleh", "Oleh Oleh"), ("Pempek", "Empek-Empek"), ("Lempok", "Lempuk"), ("Meubel", "Mebel"),
    ("Mebel", "Meubel"), ("Bu ", "Ibu "), ("Pak ", "Bapak "), ("Kerupuk", "Krupuk"), ("Keripik", "Kripik"),
    ("Laundry", "Loundry"), ("Kopi ", "Kopi Bubuk "), ("Bengkel ", "Bengkel Motor "),
    ("Katering", "Catering"),
    ("Mulyo", "Mulya"), ("Abadi", "Abadie"), (" Baru", " Baroe"),
)
# Old spellings (EYD before 1972) that still appear in names, and common abbreviations.
PERSON_VARIANTS = (
    ("oe", "u"), ("u", "oe"), ("J", "Dj"), ("Moh.", "Mohammad"), ("Moh.", "Muhammad"), ("Abd.", "Abdul"),
    ("Siti", "St."), ("Sitti", "Siti"), ("Nur ", "Nurul "), ("iyah", "iah"), ("M. ", "Muhammad "),
    ("Sy", "Sj"),
    ("y", "i"), ("i", "y"), ("f", "p"),
)
