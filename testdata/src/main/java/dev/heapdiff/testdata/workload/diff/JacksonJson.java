package dev.heapdiff.testdata.workload.diff;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heapdiff.testdata.truth.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * Jackson databind: the setup makes an {@code ObjectMapper} and reads one small document; the
 * critical section builds a tree of {@value #ORDERS} orders, writes it as JSON text, parses the
 * text back into a tree and into {@link Order} objects, and keeps the parsed tree and objects. New:
 * {@value #ORDERS} {@link Order}s, the {@code ObjectNode}s of the kept tree, and the serializers
 * and deserializers Jackson made and cached for the first use of {@link Order}.
 */
public final class JacksonJson implements Workload {
  public static final int ORDERS = 500;

  static ObjectMapper mapper;
  static final List<Object> KEEP = new ArrayList<>();

  /** An order, bound from JSON. */
  public static final class Order {
    public int id;
    public String customer;
    public double amount;
    public List<String> tags;
  }

  @Override
  public void setup() throws Exception {
    mapper = new ObjectMapper();
    KEEP.add(mapper.readTree("{\"warm\": [1, 2, 3]}"));
  }

  @Override
  public void criticalSection() throws Exception {
    ArrayNode orders = mapper.createArrayNode();
    for (int k = 0; k < ORDERS; k++) {
      ObjectNode order = orders.addObject();
      order.put("id", k).put("customer", "customer-" + k % 50).put("amount", k * 1.25);
      order.putArray("tags").add("t" + k % 3).add("t" + k % 5);
    }
    String text = mapper.writeValueAsString(orders);
    JsonNode parsed = mapper.readTree(text);
    List<Order> bound = mapper.readValue(text, new TypeReference<List<Order>>() {});
    KEEP.add(parsed);
    KEEP.add(bound);
  }
}
