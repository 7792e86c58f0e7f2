package dev.prodev.shop.catalog.seed;

import dev.prodev.shop.catalog.category.Category;
import dev.prodev.shop.catalog.category.CategoryRepository;
import dev.prodev.shop.catalog.product.ProductAdmin;
import dev.prodev.shop.catalog.product.ProductRepository;
import dev.prodev.shop.catalog.product.ProductRequest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A small, realistic demo catalogue for the local platform: run the service once with
 * {@code --spring.profiles.active=seed-demo}. Idempotent: categories and products that exist
 * (by slug and SKU) are left alone. Products go through {@link ProductAdmin}, so their
 * {@code product.created} events reach order-service's price read model like real ones.
 */
@Component
@Profile("seed-demo")
class DemoCatalogue implements CommandLineRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);

    record Item(
            String sku,
            String name,
            String category,
            String price,
            int stock,
            String description,
            Map<String, Object> attributes) {}

    private static final String[][] CATEGORIES = {
        {"electronics", "Electronics", null},
        {"computers", "Computers", "electronics"},
        {"keyboards", "Keyboards", "computers"},
        {"audio", "Audio", "electronics"},
        {"home", "Home & Kitchen", null},
        {"coffee", "Coffee", "home"},
        {"books", "Books", null},
        {"apparel", "Apparel", null}
    };

    private static final List<Item> ITEMS = List.of(
            new Item(
                    "KB-ERGO-01",
                    "Ergonomic split keyboard",
                    "keyboards",
                    "7499.00",
                    25,
                    "Split mechanical keyboard with tenting kit and brown switches.",
                    Map.of("layout", "US", "switch", "brown")),
            new Item(
                    "KB-TKL-02",
                    "Tenkeyless mechanical keyboard",
                    "keyboards",
                    "4899.00",
                    40,
                    "Compact TKL board with hot-swappable red switches.",
                    Map.of("layout", "US", "switch", "red")),
            new Item(
                    "KB-LOW-03",
                    "Low-profile wireless keyboard",
                    "keyboards",
                    "3599.00",
                    60,
                    "Slim Bluetooth keyboard for three devices.",
                    Map.of("layout", "UK", "wireless", true)),
            new Item(
                    "LAP-14-PRO",
                    "14-inch developer laptop",
                    "computers",
                    "89999.00",
                    8,
                    "32 GB RAM, 1 TB SSD, a keyboard worth typing on.",
                    Map.of("ram_gb", 32, "ssd_tb", 1)),
            new Item(
                    "LAP-13-AIR",
                    "13-inch ultralight laptop",
                    "computers",
                    "64999.00",
                    12,
                    "Fanless, 18 hours of battery.",
                    Map.of("ram_gb", 16, "ssd_tb", 0.5)),
            new Item(
                    "MON-27-4K",
                    "27-inch 4K monitor",
                    "computers",
                    "28999.00",
                    15,
                    "IPS panel, USB-C with 90 W power delivery.",
                    Map.of("size_in", 27, "resolution", "3840x2160")),
            new Item(
                    "MOUSE-VERT",
                    "Vertical ergonomic mouse",
                    "computers",
                    "2499.00",
                    70,
                    "Handshake grip that spares your wrist.",
                    Map.of("dpi", 4000)),
            new Item(
                    "DOCK-USBC-11",
                    "USB-C docking station",
                    "computers",
                    "9499.00",
                    20,
                    "Eleven ports, two displays, one cable.",
                    Map.of("ports", 11)),
            new Item(
                    "HP-ANC-700",
                    "Noise-cancelling headphones",
                    "audio",
                    "17999.00",
                    30,
                    "Over-ear, adaptive noise cancelling, 30 h battery.",
                    Map.of("wireless", true, "battery_h", 30)),
            new Item(
                    "EB-SPORT-2",
                    "Sport earbuds",
                    "audio",
                    "5999.00",
                    45,
                    "Sweat-proof earbuds with ear hooks.",
                    Map.of("wireless", true)),
            new Item(
                    "SPK-MINI-1",
                    "Portable speaker",
                    "audio",
                    "3999.00",
                    50,
                    "Waterproof Bluetooth speaker for the road.",
                    Map.of("waterproof", "IP67")),
            new Item(
                    "MIC-USB-PD",
                    "USB podcast microphone",
                    "audio",
                    "6999.00",
                    18,
                    "Cardioid condenser microphone with a headphone jack.",
                    Map.of("pattern", "cardioid")),
            new Item(
                    "COF-YIRG-250",
                    "Yirgacheffe coffee beans 250 g",
                    "coffee",
                    "450.00",
                    200,
                    "Washed Ethiopian Yirgacheffe, floral and citrus notes.",
                    Map.of("origin", "Yirgacheffe", "roast", "light")),
            new Item(
                    "COF-SIDA-500",
                    "Sidamo coffee beans 500 g",
                    "coffee",
                    "780.00",
                    150,
                    "Natural Sidamo, berry sweetness, medium roast.",
                    Map.of("origin", "Sidama", "roast", "medium")),
            new Item(
                    "COF-HARR-250",
                    "Harrar coffee beans 250 g",
                    "coffee",
                    "520.00",
                    120,
                    "Dry-processed Harrar with a winey finish.",
                    Map.of("origin", "Harar", "roast", "medium")),
            new Item(
                    "JEBENA-CLAY",
                    "Clay jebena coffee pot",
                    "coffee",
                    "650.00",
                    35,
                    "Hand-made clay jebena for the traditional ceremony.",
                    Map.of("material", "clay")),
            new Item(
                    "GRIND-BURR",
                    "Conical burr grinder",
                    "coffee",
                    "5499.00",
                    22,
                    "40 grind settings from espresso to cold brew.",
                    Map.of("settings", 40)),
            new Item(
                    "KETTLE-GOOSE",
                    "Gooseneck kettle",
                    "coffee",
                    "2899.00",
                    28,
                    "Temperature control for pour-over.",
                    Map.of("litres", 1.0)),
            new Item(
                    "MUG-PRODEV",
                    "ProDev mug",
                    "home",
                    "499.50",
                    300,
                    "350 ml stoneware mug for long debugging sessions.",
                    Map.of("ml", 350)),
            new Item(
                    "LAMP-DESK-LED",
                    "LED desk lamp",
                    "home",
                    "1899.00",
                    40,
                    "Dimmable, warm to cool light, USB charging port.",
                    Map.of("lumen", 600)),
            new Item(
                    "CHAIR-ERGO",
                    "Ergonomic office chair",
                    "home",
                    "21999.00",
                    6,
                    "Lumbar support, adjustable armrests, mesh back.",
                    Map.of("max_kg", 130)),
            new Item(
                    "BOOK-DDIA",
                    "Designing Data-Intensive Applications",
                    "books",
                    "2600.00",
                    14,
                    "The book on reliable, scalable, maintainable systems.",
                    Map.of("pages", 616, "isbn", "9781449373320")),
            new Item(
                    "BOOK-REFACT",
                    "Refactoring, 2nd edition",
                    "books",
                    "2400.00",
                    10,
                    "Improving the design of existing code.",
                    Map.of("pages", 448)),
            new Item(
                    "BOOK-SRE",
                    "Site Reliability Engineering",
                    "books",
                    "2300.00",
                    9,
                    "How Google runs production systems.",
                    Map.of("pages", 552)),
            new Item(
                    "BOOK-JCIP",
                    "Java Concurrency in Practice",
                    "books",
                    "2200.00",
                    7,
                    "Threads, locks and the memory model, explained.",
                    Map.of("pages", 424)),
            new Item(
                    "BOOK-KAFKA",
                    "Kafka: The Definitive Guide",
                    "books",
                    "2500.00",
                    11,
                    "Real-time data and stream processing at scale.",
                    Map.of("pages", 486)),
            new Item(
                    "TEE-PRODEV-M",
                    "ProDev T-shirt, M",
                    "apparel",
                    "899.00",
                    80,
                    "Organic cotton tee with the ProDev logo.",
                    Map.of("size", "M")),
            new Item(
                    "TEE-PRODEV-L",
                    "ProDev T-shirt, L",
                    "apparel",
                    "899.00",
                    80,
                    "Organic cotton tee with the ProDev logo.",
                    Map.of("size", "L")),
            new Item(
                    "HOODIE-PRODEV",
                    "ProDev hoodie",
                    "apparel",
                    "2199.00",
                    35,
                    "Heavyweight hoodie for cold server rooms.",
                    Map.of("size", "L")),
            new Item(
                    "CAP-PRODEV",
                    "ProDev cap",
                    "apparel",
                    "599.00",
                    0,
                    "Sold out until the next drop.",
                    Map.of("size", "one size")));

    private final CategoryRepository categories;
    private final ProductRepository products;
    private final ProductAdmin admin;

    DemoCatalogue(CategoryRepository categories, ProductRepository products, ProductAdmin admin) {
        this.categories = categories;
        this.products = products;
        this.admin = admin;
    }

    @Override
    public void run(String... args) {
        var ids = seedCategories();
        int created = 0;
        for (var item : ITEMS) {
            if (products.existsBySku(item.sku())) {
                continue;
            }
            admin.create(new ProductRequest(
                    item.sku(),
                    item.name(),
                    item.description(),
                    ids.get(item.category()),
                    new ProductRequest.Money(new BigDecimal(item.price()), "ETB"),
                    item.attributes(),
                    List.of("https://images.prodev.shop/products/" + item.sku().toLowerCase() + ".jpg"),
                    item.stock()));
            created++;
        }
        log.info("demo catalogue seeded: {} new product(s), {} already there", created, ITEMS.size() - created);
    }

    private Map<String, UUID> seedCategories() {
        var ids = new HashMap<String, UUID>();
        categories.findAll().forEach(category -> ids.put(category.getSlug(), category.getId()));
        for (var row : CATEGORIES) {
            if (!ids.containsKey(row[0])) {
                var category = categories.save(
                        new Category(UUID.randomUUID(), row[2] == null ? null : ids.get(row[2]), row[0], row[1]));
                ids.put(row[0], category.getId());
            }
        }
        return ids;
    }
}
