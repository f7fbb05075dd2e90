package example.app;

import java.util.ArrayList;
import java.util.List;

/** Holds what a test wants live, from a class of the user's (heapdiff hides its own packages). */
public final class Keep {
  public static final List<Object> ALIVE = new ArrayList<>();

  private Keep() {}
}
