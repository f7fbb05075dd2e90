package dev.heapdiff.hprof.internal;

/** Decoding of names as the JVM writes them into a dump. */
public final class Names {
  private Names() {}

  /**
   * Decodes modified UTF-8 (as in class files: NUL as {@code C0 80}, supplementary characters as
   * surrogate pairs). Malformed bytes decode to U+FFFD rather than failing: a name is for display.
   */
  public static String modifiedUtf8(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        out.append((char) b);
        i++;
      } else if ((b & 0xE0) == 0xC0 && i + 1 < bytes.length && (bytes[i + 1] & 0xC0) == 0x80) {
        out.append((char) (((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F)));
        i += 2;
      } else if ((b & 0xF0) == 0xE0 && i + 2 < bytes.length && (bytes[i + 1] & 0xC0) == 0x80
          && (bytes[i + 2] & 0xC0) == 0x80) {
        out.append((char) (((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)));
        i += 3;
      } else if ((b & 0xF8) == 0xF0 && i + 3 < bytes.length) {
        // Standard 4-byte UTF-8 is not modified UTF-8, but be lenient for other writers.
        int cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6)
            | (bytes[i + 3] & 0x3F);
        out.appendCodePoint(cp <= Character.MAX_CODE_POINT ? cp : 0xFFFD);
        i += 4;
      } else {
        out.append('\uFFFD');
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Turns a class name as HotSpot writes it ({@code java/lang/String}, {@code [I},
   * {@code [[Ljava/util/HashMap$Node;}, hidden {@code Foo$$Lambda+0x0000000800c01000}) into a Java
   * source name ({@code java.lang.String}, {@code int[]}, {@code java.util.HashMap$Node[][]},
   * {@code Foo$$Lambda/0x0000000800c01000}).
   */
  public static String javaName(String vmName) {
    int dims = 0;
    while (dims < vmName.length() && vmName.charAt(dims) == '[') {
      dims++;
    }
    String element;
    if (dims == 0) {
      element = externalName(vmName);
    } else {
      String rest = vmName.substring(dims);
      element = switch (rest) {
        case "Z" -> "boolean";
        case "C" -> "char";
        case "F" -> "float";
        case "D" -> "double";
        case "B" -> "byte";
        case "S" -> "short";
        case "I" -> "int";
        case "J" -> "long";
        default -> rest.startsWith("L") && rest.endsWith(";")
            ? externalName(rest.substring(1, rest.length() - 1))
            : externalName(rest);
      };
    }
    return element + "[]".repeat(dims);
  }

  private static String externalName(String name) {
    String dotted = name.replace('/', '.');
    int plus = dotted.lastIndexOf("+0x");
    if (plus > 0 && isHex(dotted, plus + 3)) {
      dotted = dotted.substring(0, plus) + "/" + dotted.substring(plus + 1);
    }
    return dotted;
  }

  private static boolean isHex(String s, int from) {
    if (from >= s.length()) {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
