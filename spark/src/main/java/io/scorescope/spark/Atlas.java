package io.scorescope.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scorescope.io.Csv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The atlas: one row per cell ({@link AtlasRow}), in plan order, and its typed columns (the union of the rows'
 * fields in first-seen order; a column is boolean, long or double when every non-null value is, else text).
 */
public record Atlas(String plan, List<ObjectNode> rows) {
    public enum Type { STRING, LONG, DOUBLE, BOOLEAN }

    public record Column(String name, Type type) {}

    public List<Column> columns() {
        Map<String, Type> types = new LinkedHashMap<>();
        for (ObjectNode r : rows) r.fieldNames().forEachRemaining(k -> types.putIfAbsent(k, null));
        // a column seen only as null is double
        Map<String, Type> resolved = new LinkedHashMap<>();
        for (String name : types.keySet()) {
            Type t = null;
            for (ObjectNode r : rows) {
                Type v = typeOf(r.path(name));
                if (v != null) t = t == null ? v : merge(t, v);
            }
            resolved.put(name, t == null ? Type.DOUBLE : t);
        }
        List<Column> out = new ArrayList<>();
        resolved.forEach((k, v) -> out.add(new Column(k, v)));
        return out;
    }

    private static Type typeOf(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return null;
        if (v.isBoolean()) return Type.BOOLEAN;
        if (v.isIntegralNumber()) return Type.LONG;
        if (v.isNumber()) return Type.DOUBLE;
        return Type.STRING;
    }

    private static Type merge(Type a, Type b) {
        if (a == b) return a;
        if ((a == Type.LONG && b == Type.DOUBLE) || (a == Type.DOUBLE && b == Type.LONG)) return Type.DOUBLE;
        return Type.STRING;
    }

    /** The cell text of a value in a column of type t ("" for null). */
    static String text(JsonNode v, Type t) {
        if (v == null || v.isNull() || v.isMissingNode()) return "";
        return switch (t) {
            case LONG -> Csv.integer(v.asLong());
            case DOUBLE -> Csv.number(v.asDouble());
            case BOOLEAN -> Boolean.toString(v.asBoolean());
            case STRING -> v.isTextual() ? v.asText() : v.toString();
        };
    }

    public void writeCsv(Path file) {
        List<Column> cols = columns();
        List<List<String>> cells = new ArrayList<>();
        for (ObjectNode r : rows) {
            List<String> line = new ArrayList<>(cols.size());
            for (Column c : cols) line.add(Csv.cell(text(r.get(c.name()), c.type())));
            cells.add(line);
        }
        Csv.writeCells(file, cols.stream().map(Column::name).toList(), cells);
    }

    public StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (Column c : columns()) {
            DataType t = switch (c.type()) {
                case LONG -> DataTypes.LongType;
                case DOUBLE -> DataTypes.DoubleType;
                case BOOLEAN -> DataTypes.BooleanType;
                case STRING -> DataTypes.StringType;
            };
            fields.add(DataTypes.createStructField(c.name(), t, true));
        }
        return DataTypes.createStructType(fields);
    }

    public List<Row> sparkRows() {
        List<Column> cols = columns();
        List<Row> out = new ArrayList<>();
        for (ObjectNode r : rows) {
            Object[] v = new Object[cols.size()];
            for (int i = 0; i < v.length; i++) {
                JsonNode n = r.get(cols.get(i).name());
                if (n == null || n.isNull()) continue;
                v[i] = switch (cols.get(i).type()) {
                    case LONG -> n.asLong();
                    case DOUBLE -> n.asDouble();
                    case BOOLEAN -> n.asBoolean();
                    case STRING -> n.isTextual() ? n.asText() : n.toString();
                };
            }
            out.add(RowFactory.create(v));
        }
        return out;
    }
}
