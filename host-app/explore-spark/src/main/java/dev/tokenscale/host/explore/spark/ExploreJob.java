package dev.tokenscale.host.explore.spark;

import dev.tokenscale.host.explore.ResultTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tokenscale explore} as an Apache Spark job, for sweeps one machine cannot finish: the designs are spread
 * over the executors, each derives and serves its share with the embedded engines and plugins, and the driver marks
 * the Pareto set and writes the same rows as the command line's {@code --parquet}. Submit it with the plugin
 * bundles as {@code --jars} (docs/explore.md).
 */
@Command(name = "explore-spark", mixinStandardHelpOptions = true,
        description = "Sweep derived designs over models on a Spark cluster and write every design's results as Parquet.")
public final class ExploreJob implements Callable<Integer> {

    @Option(names = "--design", split = ",", description = "Base designs (default: wse-3).")
    List<String> designs = new ArrayList<>();

    @Option(names = "--vary", description = "NAME=FROM:TO:STEP or NAME=A,B,C (repeatable).")
    List<String> vary = new ArrayList<>();

    @Option(names = "--model", split = ",", required = true, description = "Models to serve.")
    List<String> models = new ArrayList<>();

    @Option(names = "--objective", split = ",", description = "Objectives of the Pareto set (default: "
            + "max-interactivity, cost@100).")
    List<String> objectives = new ArrayList<>();

    @Option(names = "--context", defaultValue = "8192", description = "Cached tokens per sequence.")
    long context;

    @Option(names = "--prompt", defaultValue = "1024", description = "Prompt tokens.")
    long prompt;

    @Option(names = "--out", required = true, description = "Parquet folder to write (replaced).")
    String out;

    @Option(names = "--partitions", description = "Partitions of the designs (default: Spark's parallelism).")
    Integer partitions;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExploreJob()).execute(args));
    }

    @Override
    public Integer call() {
        JobSpec spec = new JobSpec(designs, vary, models, objectives, context, prompt);
        SparkSession spark = SparkSession.builder().appName("tokenscale explore").getOrCreate();
        try {
            ResultTable table = run(spark, spec, partitions);
            write(spark, table, out);
            System.out.println(table.rows().size() + " design-model results written to " + out);
        } finally {
            spark.stop();
        }
        return 0;
    }

    /** Evaluates the sweep over the cluster and returns its table, Pareto flags set, rows in design order. */
    static ResultTable run(SparkSession spark, JobSpec spec, Integer partitions) {
        Worker driver = Worker.of(spec);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> indices = IntStream.range(0, driver.designs()).boxed().toList();
        int slices = partitions != null ? partitions : context.defaultParallelism();
        List<Object[]> rows = new ArrayList<>(context.parallelize(indices, slices).flatMap(index ->
                Worker.of(spec).rows(index).iterator()).collect());
        // The command line's order: by design, then by model id.
        rows.sort(Comparator.comparingInt((Object[] row) -> (Integer) row[0]).thenComparing(row -> (String) row[3]));
        return new ResultTable(driver.empty().columns(), rows).withPareto(driver.objectives());
    }

    /** Writes the table as Parquet with Spark's own writer, one file. */
    static void write(SparkSession spark, ResultTable table, String out) {
        List<StructField> fields = new ArrayList<>();
        for (ResultTable.Column column : table.columns()) {
            DataType type = switch (column.type()) {
                case INTEGER -> DataTypes.IntegerType;
                case TEXT -> DataTypes.StringType;
                case NUMBER -> DataTypes.DoubleType;
                case FLAG -> DataTypes.BooleanType;
            };
            fields.add(DataTypes.createStructField(column.name(), type, column.type() == ResultTable.Type.TEXT
                    || column.type() == ResultTable.Type.NUMBER));
        }
        List<Row> rows = table.rows().stream().map(RowFactory::create).toList();
        spark.createDataFrame(rows, new StructType(fields.toArray(StructField[]::new))).coalesce(1).write()
                .mode(SaveMode.Overwrite).parquet(out);
    }
}
