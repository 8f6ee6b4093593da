package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulated provider's webhook bodies: one JSON object whose members are all strings, written
 * compactly and read strictly (UTF-8, RFC 8259 syntax, no duplicate member, nothing after the
 * object). Anything else is refused with {@link ErrorCode#INVALID_ARGUMENT}.
 */
final class WebhookJson {
  private final String text;
  private int at;

  private WebhookJson(String text) {
    this.text = text;
  }

  /** Returns {@code members} as a compact JSON object, in their order, UTF-8. */
  static byte[] write(Map<String, String> members) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, String> member : members.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      quote(json, member.getKey());
      json.append(':');
      quote(json, member.getValue());
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the members of the object {@code body} holds, in their order. */
  static Map<String, String> read(byte[] body) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "webhook body is not UTF-8: " + e.getMessage(), e);
    }
    return new WebhookJson(text).object();
  }

  private Map<String, String> object() {
    Map<String, String> members = new LinkedHashMap<>();
    skipSpace();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      at++;
    } else {
      while (true) {
        skipSpace();
        String name = string();
        skipSpace();
        expect(':');
        skipSpace();
        if (peek() != '"') {
          throw unreadable("the value of '" + name + "' is not a string");
        }
        String value = string();
        if (members.putIfAbsent(name, value) != null) {
          throw unreadable("member '" + name + "' appears twice");
        }
        skipSpace();
        char next = next();
        if (next == '}') {
          break;
        }
        if (next != ',') {
          throw unreadable("expected ',' or '}' at offset " + (at - 1) + ", got '" + next + "'");
        }
      }
    }
    skipSpace();
    if (at != text.length()) {
      throw unreadable("text after the object at offset " + at);
    }
    return members;
  }

  private String string() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return value.toString();
      }
      if (c < 0x20) {
        throw unreadable("control character in a string at offset " + (at - 1));
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"', '\\', '/' -> value.append(escape);
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> value.append(unicodeEscape());
        default -> throw unreadable("bad escape '\\" + escape + "' at offset " + (at - 2));
      }
    }
  }

  private char unicodeEscape() {
    if (at + 4 > text.length()) {
      throw unreadable("cut \\u escape at offset " + (at - 2));
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(at + i), 16);
      if (digit < 0) {
        throw unreadable("bad \\u escape at offset " + (at - 2));
      }
      code = code * 16 + digit;
    }
    at += 4;
    return (char) code;
  }

  private void skipSpace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw unreadable("the body ends too early");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char wanted) {
    char c = next();
    if (c != wanted) {
      throw unreadable("expected '" + wanted + "' at offset " + (at - 1) + ", got '" + c + "'");
    }
  }

  private static void quote(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  private static SpeedTradeException unreadable(String reason) {
    return new SpeedTradeException(
        ErrorCode.INVALID_ARGUMENT, "webhook body is unreadable: " + reason);
  }
}
