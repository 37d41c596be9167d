package io.firedrill.mysql.logical.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Secondary indexes leave the CREATE TABLE for an ALTER TABLE after the data, except those that must stay. */
class DeferredIndexesTest {

    @Test
    void plainAndUniqueKeysAreDeferred() {
        String create = "CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `a` varchar(10) DEFAULT NULL,\n  `b` int DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`),\n  UNIQUE KEY `b` (`b`),\n  KEY `a` (`a`),\n  FULLTEXT KEY `ft` (`a`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
        DeferredIndexes split = DeferredIndexes.split(create, "`s`.`t`");
        assertEquals("CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `a` varchar(10) DEFAULT NULL,\n  `b` int DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`),\n  FULLTEXT KEY `ft` (`a`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", split.create());
        assertEquals("ALTER TABLE `s`.`t` ADD UNIQUE KEY `b` (`b`), ADD KEY `a` (`a`)", split.addIndexes());
    }

    @Test
    void autoIncrementKeysAndForeignKeysStay() {
        String auto = "CREATE TABLE `t` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `x` int,\n  KEY `id` (`id`),\n"
                + "  KEY `x` (`x`)\n) ENGINE=InnoDB";
        DeferredIndexes split = DeferredIndexes.split(auto, "`t`");
        assertEquals("ALTER TABLE `t` ADD KEY `x` (`x`)", split.addIndexes());
        assertEquals("CREATE TABLE `t` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `x` int,\n  KEY `id` (`id`)\n"
                + ") ENGINE=InnoDB", split.create());
        String fk = "CREATE TABLE `c` (\n  `p` int,\n  KEY `p` (`p`),\n  CONSTRAINT `f` FOREIGN KEY (`p`) REFERENCES `p` (`id`)\n"
                + ") ENGINE=InnoDB";
        assertEquals(new DeferredIndexes(fk, ""), DeferredIndexes.split(fk, "`c`"));
    }

    @Test
    void partitionClausesAfterTheParenthesisAreKept() {
        String create = "CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `a` int,\n  PRIMARY KEY (`id`),\n  KEY `a` (`a`)\n"
                + ") ENGINE=InnoDB\n/*!50100 PARTITION BY HASH (`id`)\nPARTITIONS 4 */";
        assertEquals("CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `a` int,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB\n"
                + "/*!50100 PARTITION BY HASH (`id`)\nPARTITIONS 4 */", DeferredIndexes.split(create, "`t`").create());
    }
}
