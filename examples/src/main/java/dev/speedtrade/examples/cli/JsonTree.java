package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON document as the CLI's input files need it, which Jackson's tree model cannot give: numbers
 * kept exactly as their text, and every member of an object in order, repeated keys included (a bot
 * that names a symbol twice has its weights added).
 */
sealed interface JsonTree {

  /** An object's members, in document order, repeats kept. */
  record Obj(List<Map.Entry<String, JsonTree>> members) implements JsonTree {
    /** Returns the last member named {@code key}, or null. */
    @Nullable JsonTree get(String key) {
      JsonTree found = null;
      for (Map.Entry<String, JsonTree> member : members) {
        if (member.getKey().equals(key)) {
          found = member.getValue();
        }
      }
      return found;
    }
  }

  /** An array. */
  record Arr(List<JsonTree> items) implements JsonTree {}

  /** A string. */
  record Str(String value) implements JsonTree {}

  /** A number, exactly as written. */
  record Num(BigDecimal value) implements JsonTree {}

  /** {@code true} or {@code false}. */
  record Bool(boolean value) implements JsonTree {}

  /** {@code null}. */
  record Null() implements JsonTree {}

  /** Returns what kind of value this is, for error messages. */
  default String kind() {
    if (this instanceof Obj) {
      return "an object";
    }
    if (this instanceof Arr) {
      return "a list";
    }
    if (this instanceof Str) {
      return "a string";
    }
    if (this instanceof Num) {
      return "a number";
    }
    if (this instanceof Bool) {
      return "a boolean";
    }
    return "null";
  }

  /**
   * Parses one JSON document.
   *
   * @throws UserInputException when the text is not one well-formed JSON value
   */
  static JsonTree parse(String text) {
    try (JsonParser parser = new JsonFactory().createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new UserInputException("JSON: the file is empty");
      }
      JsonTree tree = read(parser, first);
      if (parser.nextToken() != null) {
        throw new UserInputException("JSON: more than one value in the file");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new UserInputException("JSON: not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UserInputException("JSON: unreadable: " + e.getMessage());
    }
  }

  private static JsonTree read(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        List<Map.Entry<String, JsonTree>> members = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          members.add(Map.entry(name, read(parser, parser.nextToken())));
        }
        return new Obj(List.copyOf(members));
      }
      case START_ARRAY -> {
        List<JsonTree> items = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          items.add(read(parser, next));
        }
        return new Arr(List.copyOf(items));
      }
      case VALUE_STRING -> {
        return new Str(parser.getText());
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new Num(new BigDecimal(parser.getText()));
      }
      case VALUE_TRUE -> {
        return new Bool(true);
      }
      case VALUE_FALSE -> {
        return new Bool(false);
      }
      case VALUE_NULL -> {
        return new Null();
      }
      default -> throw new UserInputException("JSON: unexpected " + token);
    }
  }
}
