package dev.heapdiff.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps one line of text the way Python's {@code textwrap.wrap} does with its defaults (tabs
 * expanded, whitespace made spaces, whitespace dropped at line ends and at the start of continued
 * lines, long words broken, breaks after hyphens inside words), so tables wrap exactly as heapy's do.
 *
 * <p>Lengths count code points, as Python counts characters. Not reproduced: textwrap's special
 * case for em-dashes written as {@code --}, which no kind name in a heap table contains.
 */
final class TextWrap {
  private TextWrap() {}

  /**
   * Returns the lines of {@code text} wrapped at {@code width} columns; lines after the first start
   * with {@code indent}. Text that is only whitespace gives no lines.
   */
  static List<String> wrap(String text, int width, String indent) {
    List<int[]> chunks = chunks(spaced(text));
    int indentLength = indent.codePointCount(0, indent.length());
    List<String> lines = new ArrayList<>();
    int next = 0;
    while (next < chunks.size()) {
      String prefix = lines.isEmpty() ? "" : indent;
      int room = lines.isEmpty() ? width : width - indentLength;
      if (!lines.isEmpty() && isBlank(chunks.get(next))) {
        next++; // a continued line does not start with whitespace
        if (next == chunks.size()) {
          break;
        }
      }
      List<int[]> line = new ArrayList<>();
      int used = 0;
      while (next < chunks.size() && used + chunks.get(next).length <= room) {
        used += chunks.get(next).length;
        line.add(chunks.get(next++));
      }
      if (next < chunks.size() && chunks.get(next).length > room) {
        int[] word = chunks.get(next);
        int end = breakPoint(word, room < 1 ? 1 : room - used);
        line.add(slice(word, 0, end));
        chunks.set(next, slice(word, end, word.length));
      }
      if (!line.isEmpty() && isBlank(line.get(line.size() - 1))) {
        line.remove(line.size() - 1);
      }
      if (!line.isEmpty()) {
        StringBuilder out = new StringBuilder(prefix);
        for (int[] chunk : line) {
          out.append(new String(chunk, 0, chunk.length));
        }
        lines.add(out.toString());
      }
    }
    return lines;
  }

  /** Where a word too long for any line is cut: after the last hyphen that fits, else at the room left. */
  private static int breakPoint(int[] word, int spaceLeft) {
    if (word.length > spaceLeft) {
      for (int i = spaceLeft - 1; i > 0; i--) {
        if (word[i] == '-') {
          for (int k = 0; k < i; k++) {
            if (word[k] != '-') {
              return i + 1;
            }
          }
          break;
        }
      }
    }
    return Math.min(spaceLeft, word.length);
  }

  /** Tabs expanded to multiples of 8 columns, every other whitespace character made a space. */
  private static int[] spaced(String text) {
    List<Integer> out = new ArrayList<>(text.length());
    int column = 0;
    for (int cp : text.codePoints().toArray()) {
      if (cp == '\t') {
        do {
          out.add((int) ' ');
          column++;
        } while (column % 8 != 0);
        continue;
      }
      column = cp == '\n' || cp == '\r' ? 0 : column + 1;
      out.add(isWhitespace(cp) ? ' ' : cp);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean isWhitespace(int cp) {
    return cp == ' ' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == '\f';
  }

  /** Runs of spaces, and words split after the hyphens that join two words. */
  private static List<int[]> chunks(int[] text) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    while (start < text.length) {
      int end = start + 1;
      if (text[start] == ' ') {
        while (end < text.length && text[end] == ' ') {
          end++;
        }
      } else {
        while (end < text.length && text[end] != ' ' && !hyphenBreakBefore(text, end)) {
          end++;
        }
      }
      out.add(slice(text, start, end));
      start = end;
    }
    return out;
  }

  /**
   * Whether a word may break before position {@code i}: the character before it is a hyphen that
   * follows two letters (or a letter, a hyphen and a letter), and a letter comes next, possibly
   * after one more hyphen.
   */
  private static boolean hyphenBreakBefore(int[] t, int i) {
    int h = i - 1;
    if (h < 1 || t[h] != '-') {
      return false;
    }
    boolean before = h >= 2 && isLetter(t[h - 2]) && isLetter(t[h - 1])
        || h >= 3 && isLetter(t[h - 3]) && t[h - 2] == '-' && isLetter(t[h - 1]);
    boolean after = i < t.length && isLetter(t[i])
        && (i + 1 < t.length && isLetter(t[i + 1])
            || i + 2 < t.length && t[i + 1] == '-' && isLetter(t[i + 2]));
    return before && after;
  }

  private static boolean isLetter(int cp) {
    return Character.isLetter(cp) || cp == '_';
  }

  private static boolean isBlank(int[] chunk) {
    for (int cp : chunk) {
      if (cp != ' ') {
        return false;
      }
    }
    return true;
  }

  private static int[] slice(int[] a, int from, int to) {
    int[] out = new int[to - from];
    System.arraycopy(a, from, out, 0, out.length);
    return out;
  }
}
