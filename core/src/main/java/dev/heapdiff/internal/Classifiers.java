package dev.heapdiff.internal;

import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The partitions that depend only on each object itself. */
public final class Classifiers {
  private Classifiers() {}

  /** By class name (classes of one name from several loaders are one row). */
  public static Classifier byClass(HeapGraph graph) {
    List<HeapClass> classes = graph.classes();
    return new Classifier() {
      @Override
      public String header() {
        return "Class";
      }

      @Override
      public int kindOf(int object) {
        return graph.classIndexOf(object);
      }

      @Override
      public int kinds() {
        return classes.size();
      }

      @Override
      public String label(int kind) {
        return classes.get(kind).name();
      }
    };
  }

  /** By the package of the class (of the element class, for arrays). */
  public static Classifier byPackage(HeapGraph graph) {
    List<HeapClass> classes = graph.classes();
    return labelled(graph, "Package", c -> packageOf(classes.get(c).name()));
  }

  /** By the class loader that defined the object's class. */
  public static Classifier byClassLoader(HeapGraph graph) {
    List<HeapClass> classes = graph.classes();
    return labelled(graph, "Class loader", c -> {
      long loader = classes.get(c).classLoaderId();
      if (loader == 0) {
        return "<bootstrap>";
      }
      int object = graph.indexOf(loader);
      String type = object < 0 ? "?" : graph.classOf(object).name();
      return type + "@0x" + Long.toHexString(loader);
    });
  }

  /** By individual shallow size; the labels are the sizes in decimal, ordered and aligned as numbers. */
  public static Classifier bySize(HeapGraph graph) {
    Map<Long, Integer> kinds = new HashMap<>();
    List<String> labels = new ArrayList<>();
    return new Classifier() {
      @Override
      public String header() {
        return "Individual Size";
      }

      @Override
      public int kindOf(int object) {
        long size = graph.shallowSize(object);
        Integer kind = kinds.get(size);
        if (kind == null) {
          kind = labels.size();
          kinds.put(size, kind);
          labels.add(Long.toString(size));
        }
        return kind;
      }

      @Override
      public int kinds() {
        return labels.size();
      }

      @Override
      public String label(int kind) {
        return labels.get(kind);
      }

      @Override
      public boolean numericLabels() {
        return true;
      }
    };
  }

  interface ClassLabel {
    String of(int classIndex);
  }

  /** A classifier whose kind is a label computed from the object's class. */
  private static Classifier labelled(HeapGraph graph, String header, ClassLabel labelOfClass) {
    int classes = graph.classes().size();
    Map<String, Integer> kindOfLabel = new HashMap<>();
    List<String> labels = new ArrayList<>();
    int[] kindOfClass = new int[classes];
    for (int c = 0; c < classes; c++) {
      String label = labelOfClass.of(c);
      Integer kind = kindOfLabel.get(label);
      if (kind == null) {
        kind = labels.size();
        kindOfLabel.put(label, kind);
        labels.add(label);
      }
      kindOfClass[c] = kind;
    }
    return new Classifier() {
      @Override
      public String header() {
        return header;
      }

      @Override
      public int kindOf(int object) {
        return kindOfClass[graph.classIndexOf(object)];
      }

      @Override
      public int kinds() {
        return labels.size();
      }

      @Override
      public String label(int kind) {
        return labels.get(kind);
      }
    };
  }

  static String packageOf(String className) {
    String name = className;
    while (name.endsWith("[]")) {
      name = name.substring(0, name.length() - 2);
    }
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return switch (name) {
        case "boolean", "byte", "char", "short", "int", "long", "float", "double" -> "<primitive arrays>";
        default -> "<default package>";
      };
    }
    return name.substring(0, dot);
  }
}
