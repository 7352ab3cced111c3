package dev.tokenscale.host.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI schema check finds each kind of departure, so that the HTTP API test can fail. */
class SchemaCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = """
            {"components": {"schemas": {
              "Point": {"type": "object", "required": ["x", "label"], "additionalProperties": false, "properties": {
                "x": {"type": "integer", "minimum": 1},
                "label": {"type": "string", "enum": ["a", "b"]},
                "note": {"type": "string", "nullable": true},
                "value": {"oneOf": [{"type": "number"}, {"type": "string"}]},
                "tags": {"type": "array", "items": {"type": "string"}}}}}}}
            """;

    private List<String> problems(String value) throws Exception {
        JsonNode document = JSON.readTree(DOCUMENT);
        return new SchemaCheck(document).problems(JSON.readTree(value),
                JSON.readTree("{\"$ref\": \"#/components/schemas/Point\"}"));
    }

    @Test
    void aFittingValueHasNoProblems() throws Exception {
        assertEquals(List.of(), problems("{\"x\": 2, \"label\": \"a\", \"note\": null, \"value\": \"7 GB\", "
                + "\"tags\": [\"t\"]}"));
    }

    @Test
    void everyDepartureIsNamedWithItsPath() throws Exception {
        assertEquals(List.of("$: the required field 'label' is missing", "$.x: 0 is under the minimum 1"),
                problems("{\"x\": 0}"));
        assertEquals(List.of("$.x: 1.5 is not of type integer", "$.label: \"c\" is not one of [\"a\",\"b\"]"),
                problems("{\"x\": 1.5, \"label\": \"c\"}"));
        assertEquals(List.of("$.label: null, but the schema is not nullable", "$.extra: the field is not documented"),
                problems("{\"x\": 1, \"label\": null, \"extra\": 1}"));
        assertEquals(List.of("$.value: true matches 0 of the oneOf schemas, not one",
                "$.tags[1]: 3 is not of type string"), problems("{\"x\": 1, \"label\": \"b\", \"value\": true, "
                + "\"tags\": [\"t\", 3]}"));
    }
}
