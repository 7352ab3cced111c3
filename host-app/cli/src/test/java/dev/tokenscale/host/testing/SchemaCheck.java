package dev.tokenscale.host.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks JSON values against the schemas of an OpenAPI 3.0 document, for the subset the tokenscale document uses:
 * {@code $ref} to components, {@code type}, {@code nullable}, {@code enum}, {@code minimum}/{@code maximum},
 * {@code required}, {@code properties}, {@code additionalProperties} (false, or a schema), {@code items},
 * {@code allOf} and {@code oneOf}. A keyword it does not know is a problem too, so the document cannot drift into
 * schemas this check would silently pass.
 */
public final class SchemaCheck {

    private static final List<String> KNOWN = List.of("$ref", "type", "nullable", "enum", "minimum", "maximum",
            "exclusiveMaximum", "required", "properties", "additionalProperties", "items", "allOf", "oneOf",
            "description", "default");

    private final JsonNode document;

    /** A check against the schemas of this OpenAPI document. */
    public SchemaCheck(JsonNode document) {
        this.document = document;
    }

    /** Every way {@code value} departs from {@code schema}, one line each with its JSON path; empty when it fits. */
    public List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references: " + ref);
            }
            schema = document.at(ref.substring(1));
            if (schema.isMissingNode()) {
                throw new IllegalArgumentException("no schema at " + ref);
            }
        }
        return schema;
    }

    private void check(JsonNode value, JsonNode schemaOrRef, String path, List<String> problems) {
        JsonNode schema = resolve(schemaOrRef);
        for (Iterator<String> keys = schema.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KNOWN.contains(key)) {
                problems.add(path + ": the schema uses '" + key + "', which this check does not know");
            }
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(path + ": null, but the schema is not nullable");
            }
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(value, part, path, problems);
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            for (JsonNode option : schema.get("oneOf")) {
                matching += problems(value, option).isEmpty() ? 1 : 0;
            }
            if (matching != 1) {
                problems.add(path + ": " + value + " matches " + matching + " of the oneOf schemas, not one");
            }
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            problems.add(path + ": " + abbreviate(value) + " is not of type " + type);
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                problems.add(path + ": " + value + " is under the minimum " + schema.get("minimum"));
            }
            if (schema.has("maximum") && (value.asDouble() > schema.get("maximum").asDouble()
                    || schema.path("exclusiveMaximum").asBoolean(false)
                    && value.asDouble() == schema.get("maximum").asDouble())) {
                problems.add(path + ": " + value + " is over the maximum " + schema.get("maximum"));
            }
        }
        if (value.isObject()) {
            checkObject(value, schema, path, problems);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), path + "[" + i + "]", problems);
            }
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String path, List<String> problems) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(path + ": the required field '" + required.asText() + "' is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), at, problems);
            } else if (additional.isObject()) {
                check(field.getValue(), additional, at, problems);
            } else if (additional.isBoolean() && !additional.asBoolean()) {
                problems.add(at + ": the field is not documented");
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
