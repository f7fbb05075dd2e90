package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The critical section loads classes: {@link Loadable} defined again by {@value #LOADERS} fresh
 * class loaders (a second, third … class of the same name, each with an instance), and JDK classes
 * nothing had loaded before ({@link #JDK_CLASSES}). New: {@value #LOADERS} {@code Loadable}
 * classes, loaders and instances, and the JDK classes' {@code Class} objects.
 */
public final class NewClasses implements Workload {
  public static final int LOADERS = 3;
  /** JDK classes a two-dump run does not otherwise load. */
  public static final List<String> JDK_CLASSES = List.of("java.util.concurrent.Exchanger", "java.util.concurrent.Phaser",
      "java.text.Bidi", "java.util.zip.Adler32");

  static final List<Object> KEEP = new ArrayList<>();

  /** Defines {@link Loadable} itself instead of asking its parent. */
  static final class FreshLoader extends ClassLoader {
    FreshLoader() {
      super("fresh", NewClasses.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(Loadable.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }

  @Override
  public void setup() {
    KEEP.add(new Loadable());
  }

  @Override
  public void criticalSection() throws Exception {
    for (int k = 0; k < LOADERS; k++) {
      Class<?> fresh = new FreshLoader().loadClass(Loadable.class.getName());
      KEEP.add(fresh.getDeclaredConstructor().newInstance());
    }
    for (String name : JDK_CLASSES) {
      KEEP.add(Class.forName(name));
    }
  }
}
