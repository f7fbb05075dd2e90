package dev.heapdiff.internal;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A classifier whose kinds are sets of labelled elements, computed once for every member of a set
 * of objects: the referrer classes of {@link ReferrerClassifier}, the ways of holding of
 * {@link ViaClassifier}. A few fixed kinds come first (members without elements); a set's label is
 * its elements' labels, sorted and comma-joined, built only when asked for.
 */
final class SetClassifier implements Classifier {
  private final String header;
  private final long[] members;
  private final int[] wordRanks;
  private final int[] kindOfMember;
  private final IntSetTable sets;
  private final String[] fixed;
  private final IntFunction<String> elementLabel;
  private final String[] labels;

  /**
   * @param kindOfMember the kind of each member, by rank in {@code members}: below
   *     {@code fixed.length} a fixed kind, else {@code fixed.length} plus a set number of {@code sets}
   * @param fixed the labels of the fixed kinds
   * @param elementLabel the label of a set element
   */
  SetClassifier(String header, long[] members, int[] wordRanks, int[] kindOfMember, IntSetTable sets,
      String[] fixed, IntFunction<String> elementLabel) {
    this.header = header;
    this.members = members;
    this.wordRanks = wordRanks;
    this.kindOfMember = kindOfMember;
    this.sets = sets;
    this.fixed = fixed;
    this.elementLabel = elementLabel;
    this.labels = new String[fixed.length + sets.size()];
  }

  @Override
  public String header() {
    return header;
  }

  @Override
  public int kindOf(int object) {
    if (!Bits.get(members, object)) {
      throw new IllegalArgumentException("object " + object + " is not in the classified set");
    }
    return kindOfMember[Bits.rank(members, wordRanks, object)];
  }

  @Override
  public int kinds() {
    return labels.length;
  }

  @Override
  public String label(int kind) {
    String label = labels[kind];
    if (label == null) {
      if (kind < fixed.length) {
        label = fixed[kind];
      } else {
        int[] set = sets.elements(kind - fixed.length);
        String[] names = new String[set.length];
        for (int k = 0; k < set.length; k++) {
          names[k] = elementLabel.apply(set[k]);
        }
        Arrays.sort(names);
        label = String.join(", ", names);
      }
      labels[kind] = label;
    }
    return label;
  }
}
