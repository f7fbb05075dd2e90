package example.app;

import java.util.HashMap;
import java.util.Map;

/** A static cache: a HashMap of {@link Order}s by keys that fall in different buckets of a 16-slot table. */
public final class Cache {
  public static final String[] KEYS = {"alpha", "delta", "kappa"};
  public static Cache INSTANCE;

  public final Map<String, Order> map = new HashMap<>();
}
