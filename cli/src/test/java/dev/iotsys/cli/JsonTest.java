package dev.iotsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void text_writesEveryKindOfValueAsJacksonsObjectMapperDoes() throws Exception {
    ObjectNode doc = Json.object();
    doc.put("text", "quote \" backslash \\ newline \n tab \t küche ✓ \u0001");
    doc.put("int", -7).put("long", 1L << 40).put("double", 21.5).put("float", 0.25f);
    doc.put("big", new BigInteger("123456789012345678901234567890"));
    doc.put("decimal", new BigDecimal("0.10"));
    doc.put("yes", true).putNull("nothing");
    doc.putArray("list").add(1).add("two").addNull().addObject().put("deep", false);
    doc.putObject("empty");
    doc.putArray("none");

    assertEquals(new ObjectMapper().writeValueAsString(doc), Json.text(doc));
  }
}
