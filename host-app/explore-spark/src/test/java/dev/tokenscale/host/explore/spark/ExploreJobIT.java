package dev.tokenscale.host.explore.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenscale.host.explore.ResultTable;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local mode, with the real host and plugins in the executors (one Spark session for the class):
 * the same rows as the sweep run in one JVM, and Parquet that Spark reads back.
 */
class ExploreJobIT {

    /** Two base designs, two that cannot be built (sramShare 0.9 leaves a stacked chip no logic), two models. */
    private static final JobSpec SPEC = new JobSpec(List.of("wse-3", "stacked-lpu"),
            List.of("sramShare=0.1,0.9", "node=n5,n2"), List.of("llama-3.1-8b", "gpt-oss-20b"),
            List.of("max-interactivity", "cost@100"), 8192, 1024);

    private static SparkSession spark;
    private static ResultTable distributed;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("tokenscale explore test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        distributed = ExploreJob.run(spark, SPEC, 3);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void sparkGivesTheSameRowsAsTheLocalRun() {
        ResultTable local = Worker.of(SPEC).local(2);
        assertEquals(local.columns(), distributed.columns());
        assertEquals(8 * 2, local.rows().size(), "8 designs on 2 models");
        assertEquals(local.rows().size(), distributed.rows().size());
        for (int i = 0; i < local.rows().size(); i++) {
            assertArrayEquals(local.rows().get(i), distributed.rows().get(i), "row " + i);
        }
        int error = local.column("error");
        assertTrue(local.rows().stream().anyMatch(r -> r[error] != null), "the failed designs are rows too");
        int pareto = local.column("pareto");
        assertTrue(local.rows().stream().anyMatch(r -> (Boolean) r[pareto]), "a Pareto set");
    }

    @Test
    void theJobWritesParquetThatSparkReadsBack() {
        ResultTable table = distributed;
        String out = dir.resolve("results").toString();
        ExploreJob.write(spark, table, out);
        Dataset<Row> read = spark.read().parquet(out);
        assertEquals(table.rows().size(), read.count());
        assertEquals(table.columns().stream().map(ResultTable.Column::name).toList(), List.of(read.columns()));
        Row first = read.orderBy("index", "model").first();
        assertEquals(table.rows().get(0)[table.column("design")], first.getAs("design"));
        assertEquals(table.rows().get(0)[table.column("sramBytes")], first.getAs("sramBytes"));
    }
}
