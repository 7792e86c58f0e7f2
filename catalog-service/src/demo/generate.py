#!/usr/bin/env python3
"""Writes the demo catalogue (catalog-service/src/main/resources/demo/catalogue.json) and one small
SVG per product (catalog-service/src/main/resources/demo/images/<sku>.svg). Run it again after
editing the tables below; both outputs are committed, so the build does not need Python."""
import html, json, pathlib, zlib

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / "main" / "resources" / "demo"

# slug, name, parent slug, colour of its images
CATEGORIES = [
    ("electronics", "Electronics", None, "#1f6feb"),
    ("computers", "Computers", "electronics", "#0969da"),
    ("keyboards", "Keyboards", "computers", "#54aeff"),
    ("audio", "Audio", "electronics", "#8250df"),
    ("home", "Home & Kitchen", None, "#bf8700"),
    ("coffee", "Coffee", "home", "#6f4e37"),
    ("books", "Books", None, "#cf222e"),
    ("apparel", "Apparel", None, "#1a7f37"),
    ("sports", "Sports & Outdoors", None, "#fb8500"),
    ("toys", "Toys & Games", None, "#e85aad"),
]

# sku, name, category, price in ETB, stock, description, attributes
P = [
    ("KB-ERGO-01", "Ergonomic split keyboard", "keyboards", "7499.00", 25, "Split mechanical keyboard with tenting kit and brown switches.", {"layout": "US", "switch": "brown"}),
    ("KB-TKL-02", "Tenkeyless mechanical keyboard", "keyboards", "4899.00", 40, "Compact TKL board with hot-swappable red switches.", {"layout": "US", "switch": "red"}),
    ("KB-LOW-03", "Low-profile wireless keyboard", "keyboards", "3599.00", 60, "Slim Bluetooth keyboard for three devices.", {"layout": "UK", "wireless": True}),
    ("KB-AMH-04", "Amharic-English keyboard", "keyboards", "2999.00", 35, "Full-size keyboard with Ge'ez and Latin legends.", {"layout": "Amharic/US"}),
    ("LAP-14-PRO", "14-inch developer laptop", "computers", "89999.00", 8, "32 GB RAM, 1 TB SSD, a keyboard worth typing on.", {"ram_gb": 32, "ssd_tb": 1}),
    ("LAP-13-AIR", "13-inch ultralight laptop", "computers", "64999.00", 12, "Fanless, 18 hours of battery.", {"ram_gb": 16, "ssd_tb": 0.5}),
    ("MON-27-4K", "27-inch 4K monitor", "computers", "28999.00", 15, "IPS panel, USB-C with 90 W power delivery.", {"size_in": 27, "resolution": "3840x2160"}),
    ("MOUSE-VERT", "Vertical ergonomic mouse", "computers", "2499.00", 70, "Handshake grip that spares your wrist.", {"dpi": 4000}),
    ("DOCK-USBC-11", "USB-C docking station", "computers", "9499.00", 20, "Eleven ports, two displays, one cable.", {"ports": 11}),
    ("SSD-EXT-1TB", "Portable SSD 1 TB", "computers", "6499.00", 30, "USB-C, 1 050 MB/s, fits in a shirt pocket.", {"capacity_tb": 1}),
    ("HP-ANC-700", "Noise-cancelling headphones", "audio", "17999.00", 30, "Over-ear, adaptive noise cancelling, 30 h battery.", {"wireless": True, "battery_h": 30}),
    ("EB-SPORT-2", "Sport earbuds", "audio", "5999.00", 45, "Sweat-proof earbuds with ear hooks.", {"wireless": True}),
    ("SPK-MINI-1", "Portable speaker", "audio", "3999.00", 50, "Waterproof Bluetooth speaker for the road.", {"waterproof": "IP67"}),
    ("MIC-USB-PD", "USB podcast microphone", "audio", "6999.00", 18, "Cardioid condenser microphone with a headphone jack.", {"pattern": "cardioid"}),
    ("RADIO-FM-1", "Solar FM radio", "electronics", "1499.00", 40, "Hand-crank and solar powered, with a torch.", {"bands": "FM/AM"}),
    ("PB-20K", "Power bank 20 000 mAh", "electronics", "2199.00", 90, "Charges a phone five times; 22.5 W fast charge.", {"mah": 20000}),
    ("COF-YIRG-250", "Yirgacheffe coffee beans 250 g", "coffee", "450.00", 200, "Washed Ethiopian Yirgacheffe, floral and citrus notes.", {"origin": "Yirgacheffe", "roast": "light"}),
    ("COF-SIDA-500", "Sidamo coffee beans 500 g", "coffee", "780.00", 150, "Natural Sidamo, berry sweetness, medium roast.", {"origin": "Sidama", "roast": "medium"}),
    ("COF-HARR-250", "Harrar coffee beans 250 g", "coffee", "520.00", 120, "Dry-processed Harrar with a winey finish.", {"origin": "Harar", "roast": "medium"}),
    ("COF-GUJI-250", "Guji coffee beans 250 g", "coffee", "560.00", 110, "Natural Guji with stone fruit and jasmine.", {"origin": "Guji", "roast": "light"}),
    ("JEBENA-CLAY", "Clay jebena coffee pot", "coffee", "650.00", 35, "Hand-made clay jebena for the traditional ceremony.", {"material": "clay"}),
    ("SINI-SET-6", "Sini cup set of six", "coffee", "480.00", 60, "Six small porcelain cups for buna.", {"pieces": 6}),
    ("GRIND-BURR", "Conical burr grinder", "coffee", "5499.00", 22, "40 grind settings from espresso to cold brew.", {"settings": 40}),
    ("KETTLE-GOOSE", "Gooseneck kettle", "coffee", "2899.00", 28, "Temperature control for pour-over.", {"litres": 1.0}),
    ("MUG-PRODEV", "ProDev mug", "home", "499.50", 300, "350 ml stoneware mug for long debugging sessions.", {"ml": 350}),
    ("LAMP-DESK-LED", "LED desk lamp", "home", "1899.00", 40, "Dimmable, warm to cool light, USB charging port.", {"lumen": 600}),
    ("CHAIR-ERGO", "Ergonomic office chair", "home", "21999.00", 6, "Lumbar support, adjustable armrests, mesh back.", {"max_kg": 130}),
    ("MITAD-ELEC", "Electric injera mitad", "home", "4299.00", 14, "50 cm non-stick mitad with an even heat plate.", {"diameter_cm": 50}),
    ("MESOB-WOVEN", "Woven mesob basket", "home", "1799.00", 12, "Hand-woven basket table for sharing injera.", {"height_cm": 60}),
    ("BOTTLE-STEEL", "Insulated steel bottle", "home", "899.00", 120, "Keeps water cold for 24 hours.", {"ml": 750}),
    ("BOOK-DDIA", "Designing Data-Intensive Applications", "books", "2600.00", 14, "The book on reliable, scalable, maintainable systems.", {"pages": 616, "isbn": "9781449373320"}),
    ("BOOK-REFACT", "Refactoring, 2nd edition", "books", "2400.00", 10, "Improving the design of existing code.", {"pages": 448}),
    ("BOOK-SRE", "Site Reliability Engineering", "books", "2300.00", 9, "How Google runs production systems.", {"pages": 552}),
    ("BOOK-JCIP", "Java Concurrency in Practice", "books", "2200.00", 7, "Threads, locks and the memory model, explained.", {"pages": 424}),
    ("BOOK-KAFKA", "Kafka: The Definitive Guide", "books", "2500.00", 11, "Real-time data and stream processing at scale.", {"pages": 486}),
    ("BOOK-FIKIR", "Fikir Eske Mekabir", "books", "650.00", 25, "Haddis Alemayehu's classic Amharic novel.", {"pages": 584, "language": "am"}),
    ("BOOK-DDD", "Domain-Driven Design", "books", "2700.00", 6, "Tackling complexity in the heart of software.", {"pages": 560}),
    ("TEE-PRODEV-M", "ProDev T-shirt, M", "apparel", "899.00", 80, "Organic cotton tee with the ProDev logo.", {"size": "M"}),
    ("TEE-PRODEV-L", "ProDev T-shirt, L", "apparel", "899.00", 80, "Organic cotton tee with the ProDev logo.", {"size": "L"}),
    ("HOODIE-PRODEV", "ProDev hoodie", "apparel", "2199.00", 35, "Heavyweight hoodie for cold server rooms.", {"size": "L"}),
    ("CAP-PRODEV", "ProDev cap", "apparel", "599.00", 0, "Sold out until the next drop.", {"size": "one size"}),
    ("NETELA-COTTON", "Cotton netela shawl", "apparel", "1299.00", 30, "Hand-woven cotton shawl with a tibeb border.", {"material": "cotton"}),
    ("SOCKS-WOOL-3", "Merino socks, 3 pairs", "apparel", "749.00", 65, "Warm, breathable, for long walks.", {"pairs": 3}),
    ("RUN-SHOE-42", "Running shoes, EU 42", "sports", "5499.00", 18, "Light road shoes for the Great Ethiopian Run.", {"size_eu": 42}),
    ("YOGA-MAT", "Yoga mat", "sports", "1199.00", 40, "6 mm non-slip mat with a carry strap.", {"thickness_mm": 6}),
    ("BIKE-HELMET", "Cycling helmet", "sports", "2399.00", 16, "Ventilated helmet with a rear light.", {"size": "M"}),
    ("TENT-2P", "Two-person tent", "sports", "8999.00", 7, "Three-season tent for the Simien Mountains.", {"weight_kg": 2.1}),
    ("BALL-FOOT-5", "Football, size 5", "sports", "899.00", 55, "Match ball, hand-stitched.", {"size": 5}),
    ("ROPE-JUMP", "Speed jump rope", "sports", "399.00", 70, "Adjustable steel cable with ball bearings.", {"length_m": 3}),
    ("GEBETA-WOOD", "Gebeta board", "toys", "699.00", 25, "Carved wooden mancala board with seeds.", {"pits": 12}),
    ("PUZZLE-1000", "Lalibela jigsaw, 1000 pieces", "toys", "1099.00", 20, "Bete Giyorgis from above.", {"pieces": 1000}),
    ("CHESS-TRAVEL", "Magnetic travel chess", "toys", "849.00", 30, "Folding board, magnetic pieces.", {"size_cm": 25}),
    ("ROBOT-KIT", "Build-your-own robot kit", "toys", "3499.00", 10, "Motors, sensors and a block-coding app, ages 10+.", {"age_min": 10}),
    ("CARDS-UNO", "Card game for families", "toys", "349.00", 90, "108 cards, two to ten players.", {"cards": 108}),
    ("KITE-DIAMOND", "Diamond kite", "toys", "299.00", 45, "Rip-stop kite with 30 m of line.", {"line_m": 30}),
]

COLOURS = {slug: colour for slug, _, _, colour in CATEGORIES}


def svg(sku, name, category):
    colour = COLOURS[category]
    h = zlib.crc32(sku.encode())
    hue = h % 360
    words, line, lines = name.split(), "", []
    for w in words:
        if len(line) + len(w) + 1 > 20 and line:
            lines.append(line)
            line = w
        else:
            line = (line + " " + w).strip()
    lines.append(line)
    text = "".join(
        f'<text x="160" y="{196 + i * 26}" font-size="21" text-anchor="middle">{html.escape(t)}</text>'
        for i, t in enumerate(lines[:3]))
    initials = html.escape("".join(w[0] for w in words[:2]).upper())
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320" '
        f'role="img" aria-label="{html.escape(name)}">'
        f'<rect width="320" height="320" fill="hsl({hue},60%,94%)"/>'
        f'<circle cx="160" cy="110" r="70" fill="{colour}"/>'
        f'<text x="160" y="132" font-family="sans-serif" font-size="60" font-weight="bold" '
        f'fill="#fff" text-anchor="middle">{initials}</text>'
        f'<g font-family="sans-serif" fill="#24292f">{text}</g>'
        f'<text x="160" y="300" font-family="monospace" font-size="14" fill="#57606a" '
        f'text-anchor="middle">{html.escape(sku)}</text></svg>\n')


def main():
    (OUT / "images").mkdir(parents=True, exist_ok=True)
    for old in (OUT / "images").glob("*.svg"):
        old.unlink()
    categories = [{"slug": s, "name": n, "parent": p} for s, n, p, _ in CATEGORIES]
    products = []
    for sku, name, category, price, stock, description, attributes in P:
        products.append({"sku": sku, "name": name, "category": category, "price": price,
                         "initialStock": stock, "description": description, "attributes": attributes})
        (OUT / "images" / f"{sku.lower()}.svg").write_text(svg(sku, name, category))
    assert len({p["sku"] for p in products}) == len(products)
    (OUT / "catalogue.json").write_text(
        json.dumps({"categories": categories, "products": products}, indent=2, ensure_ascii=False) + "\n")
    print(f"{len(products)} products in {len(categories)} categories")


if __name__ == "__main__":
    main()
