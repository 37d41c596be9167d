package io.firedrill.mysql.logical.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Schema qualifiers are renamed where they qualify, never inside strings, comments, or as aliases. */
class SchemaRenamerTest {
    private final SchemaRenamer renamer = new SchemaRenamer(Map.of("shop", "shop_copy"),
            Map.of("shop", Set.of("orders", "f")));

    @Test
    void qualifiersAreRenamed() {
        assertEquals("select `shop_copy`.`orders`.`id` AS `id` from `shop_copy`.`orders`",
                renamer.rewrite("select `shop`.`orders`.`id` AS `id` from `shop`.`orders`"));
        assertEquals("SELECT `shop_copy`.f(1), `shop_copy`.orders.x FROM `shop_copy`.orders",
                renamer.rewrite("SELECT shop.f(1), shop.orders.x FROM shop.orders"));
    }

    @Test
    void stringsCommentsAliasesAndOtherSchemasStay() {
        String sql = "select 'shop.orders', \"shop.orders\" /* shop.orders */ -- shop.orders\n"
                + "from `shop`.`orders` `shop` where `shop`.`id` = 1 and other.orders.x = shop.unknown";
        assertEquals("select 'shop.orders', \"shop.orders\" /* shop.orders */ -- shop.orders\n"
                + "from `shop_copy`.`orders` `shop` where `shop`.`id` = 1 and other.orders.x = shop.unknown",
                renamer.rewrite(sql));
    }
}
