// Tests of the document template engine: placeholders, filters, conditions, repetition and
// template errors with file and line.
#include "pipeline/render/doc/template.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "tests/testing/status_matchers.h"

namespace pipeline::render {
namespace {

using nlohmann::json;

Document Instantiate(const std::string& body, const json& data) {
  std::string xml =
      "<document name=\"t\" date-format=\"{year}年{month}月{day}日\">\n"
      "<lookup name=\"st\"><entry key=\"met\">符合</entry></lookup>\n" +
      body + "\n</document>\n";
  Result<std::unique_ptr<Template>> t = Template::Parse("t.xml", xml);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  if (!t.ok()) return Document();
  Result<Document> doc = (*t)->Instantiate(data, Date{2025, 7, 1});
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? *doc : Document();
}

std::vector<std::string> ParagraphTexts(const Document& doc) {
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) out.push_back(p->text);
  }
  return out;
}

TEST(TemplateTest, PlaceholdersFiltersAndMissingKeys) {
  json data = {{"a", {{"name", "长春"}, {"n", 3}, {"levels", {5, 4}}}}, {"s", "met"}};
  Document doc = Instantiate(
      "<p>{a.name}，{a.n}个，{a.levels|join:、}，{s|lookup:st}，[{missing.key}]，"
      "{missing|default:无}，{a.levels|count}，{{x}}，{today}</p>\n<p>{missing}</p>",
      data);
  EXPECT_EQ(ParagraphTexts(doc),
            std::vector<std::string>{"长春，3个，5、4，符合，[]，无，2，{x}，2025年7月1日"});
}

TEST(TemplateTest, ConditionsAndLoopsWithFilters) {
  json data = {{"items",
                {{{"name", "甲"}, {"status", "missing"}},
                 {{"name", "乙"}, {"status", "present"}},
                 {{"name", "丙"}, {"status", "unreadable"}}}},
               {"flag", true},
               {"kind", "initial"}};
  Document doc = Instantiate(
      "<for each=\"items\" as=\"m\" where=\"m.status\" in=\"missing,unreadable\">"
      "<p>{loop.index}/{loop.count} {m.name}</p></for>\n"
      "<if path=\"flag\"><p>是</p><else><p>否</p></else></if>\n"
      "<if path=\"kind\" equals=\"change\"><p>变更</p><else><p>非变更</p></else></if>\n"
      "<p if=\"nothing\">不出现</p><p unless=\"nothing\">出现</p>\n"
      "<p>共<for each=\"items\" as=\"m\">{m.name}<if path=\"loop.last\" "
      "not-equals=\"true\">、</if></for></p>",
      data);
  EXPECT_EQ(ParagraphTexts(doc),
            (std::vector<std::string>{"1/2 甲", "2/2 丙", "是", "非变更", "出现", "共甲、乙、丙"}));
}

TEST(TemplateTest, WhitespaceWithLineBreaksIsRemovedFromText) {
  Document doc = Instantiate("<p>\n    第一句，\n    第二句。 ABC def\n  </p>", json::object());
  EXPECT_EQ(ParagraphTexts(doc), std::vector<std::string>{"第一句，第二句。 ABC def"});
}

TEST(TemplateTest, TableRowsRepeatAndEmptyTablesAreLeftOut) {
  json data = {{"occ", {{{"name", "焊工"}}, {{"name", "电工"}}}}};
  Document doc = Instantiate(
      "<table><column width=\"12\">序号</column><column width=\"40\" align=\"left\">名称</column>"
      "<for each=\"occ\" as=\"o\"><row><cell>{loop.index}</cell><cell>{o.name}</cell></row></for>"
      "</table>\n<table><column width=\"12\">序号</column>"
      "<for each=\"none\" as=\"o\"><row><cell>x</cell></row></for></table>",
      data);
  ASSERT_EQ(doc.blocks.size(), 1u);
  const Table& t = std::get<Table>(doc.blocks[0]);
  EXPECT_EQ(t.header, (std::vector<std::string>{"序号", "名称"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"2", "电工"}));
  EXPECT_EQ(t.columns[1].align, Align::kLeft);
}

TEST(TemplateTest, ColumnWidthFromDataIsCheckedWhenFilledIn) {
  Result<std::unique_ptr<Template>> t =
      Template::Parse("t.xml",
                      "<document>\n<table>\n<column width=\"{w}\">a</column>\n"
                      "<row><cell>x</cell></row></table>\n</document>\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  Result<Document> good = (*t)->Instantiate(json{{"w", "30"}}, Date{2025, 7, 1});
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(std::get<Table>(good->blocks.at(0)).columns.at(0).width_mm, 30);
  for (const char* bad : {"1e300", "0", "wide", ""}) {
    SCOPED_TRACE(bad);
    Result<Document> doc = (*t)->Instantiate(json{{"w", bad}}, Date{2025, 7, 1});
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.status().ToString(), std::string("t.xml:3: <column width=\"") + bad +
                                           "\"> must be a number from 1 to 500");
  }
}

struct ErrorCase {
  const char* xml;
  const char* want;
};

TEST(TemplateTest, ErrorsNameFileAndLine) {
  const ErrorCase cases[] = {
      {"<document>\n<p>ok</p>\n<p>broken\n</document>\n",
       "bad.xml:4: XML parse error: Start-end tags mismatch"},
      {"<document>\n\n<para>x</para>\n</document>", "bad.xml:3: unknown element <para>"},
      {"<document>\n<p>{a|upper}</p>\n</document>",
       "bad.xml:2: unknown filter \"upper\" in {a|upper}"},
      {"<document>\n<p>{a|lookup:nope}</p>\n</document>",
       "bad.xml:2: unknown lookup table \"nope\""},
      {"<document>\n<p>\n{a.b</p>\n</document>", "bad.xml:2: unclosed placeholder \"{a.b\""},
      {"<document>\n<for as=\"x\"><p/></for>\n</document>", "bad.xml:2: <for> needs each="},
      {"<doc/>", "bad.xml:1: root element must be <document>"},
      // Numeric attributes are range-checked on load (template_fuzzer found <blank lines="4e121">
      // reaching an int conversion at instantiation).
      {"<document>\n<blank lines=\"4e121\"/>\n</document>",
       "bad.xml:2: <blank lines=\"4e121\"> must be a whole number from 0 to 20"},
      {"<document>\n<blank lines=\"1.5\"/>\n</document>",
       "bad.xml:2: <blank lines=\"1.5\"> must be a whole number from 0 to 20"},
      {"<document>\n<blank lines=\"two\"/>\n</document>",
       "bad.xml:2: <blank lines=\"two\"> must be a whole number from 0 to 20"},
      {"<document>\n<p size=\"nan\">x</p>\n</document>",
       "bad.xml:2: <p size=\"nan\"> must be a number from 1 to 72"},
      {"<document>\n<p indent=\"-3\">x</p>\n</document>",
       "bad.xml:2: <p indent=\"-3\"> must be a number from 0 to 20"},
      {"<document>\n<table size=\"1e308\"><column width=\"20\">a</column></table>\n</document>",
       "bad.xml:2: <table size=\"1e308\"> must be a number from 1 to 72"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.xml);
    Result<std::unique_ptr<Template>> t = Template::Parse("bad.xml", c.xml);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().ToString(), c.want);
  }
}

// The slots a template prints, from its placeholders and conditions, once each and sorted.
// <choice-slots> declares a slot per element of the data with fixed values; <choice> prints the
// value or the boxes; choices.SET counts them; an <if path> may name the slot of an element.
TEST(TemplateTest, ChoiceSlotsAreDeclaredPerElementAndPrintTheirValueOrBoxes) {
  const std::string xml =
      "<document name=\"t\">\n"
      "<choice-slots name=\"c\" values=\"是|否\" box=\"[]\" separator=\"/\" each=\"items\" "
      "as=\"x\" where=\"x.slot\" slot=\"{x.slot}\" label=\"第{x.n}项\"/>\n"
      "<for each=\"items\" as=\"x\"><p>{x.n}:<if path=\"x.slot\"><if path=\"slots.{x.slot}\">"
      "定<choice of=\"c\" slot=\"{x.slot}\"/><else>待<choice of=\"c\" slot=\"{x.slot}\"/>"
      "</else></if><else>无</else></if></p></for>\n"
      "<if path=\"choices.c.chosen.否\"><p>有否</p><else><if path=\"choices.c.unset\">"
      "<p>未定{choices.c.unset}/{choices.c.count}</p><else><p>全是</p></else></if></else></if>\n"
      "</document>\n";
  Result<std::unique_ptr<Template>> t = Template::Parse("t.xml", xml);
  ASSERT_OK(t);
  json data = {{"items", {{{"n", 1}, {"slot", "p_1"}}, {{"n", 2}}, {{"n", 3}, {"slot", "p_3"}}}}};
  const std::vector<ChoiceSlot> slots = (*t)->ChoiceSlots(data);
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[0].name, "p_1");
  EXPECT_EQ(slots[0].label, "第1项");
  EXPECT_EQ(slots[1].values, (std::vector<std::string>{"是", "否"}));
  auto texts = [&](const json& d) {
    Result<Document> doc = (*t)->Instantiate(d, Date{2025, 7, 1});
    EXPECT_OK(doc);
    return doc.ok() ? ParagraphTexts(*doc) : std::vector<std::string>{};
  };
  EXPECT_EQ(texts(data),
            (std::vector<std::string>{"1:待[]是/[]否", "2:无", "3:待[]是/[]否", "未定2/2"}));
  data["slots"] = {{"p_1", "是"}};
  EXPECT_EQ(texts(data), (std::vector<std::string>{"1:定是", "2:无", "3:待[]是/[]否", "未定1/2"}));
  data["slots"]["p_3"] = "是";
  EXPECT_EQ(texts(data).back(), "全是");
  data["slots"]["p_3"] = "否";
  EXPECT_EQ(texts(data).back(), "有否");
  // <choice> naming no declared set, and a set declared twice with other values.
  EXPECT_FALSE(
      Template::Parse("u.xml", "<document><p><choice of=\"z\" slot=\"a\"/></p></document>").ok());
  EXPECT_FALSE(Template::Parse("v.xml",
                               "<document><choice-slots name=\"c\" values=\"a|b\" each=\"i\" "
                               "slot=\"{x}\"/><choice-slots name=\"c\" values=\"a\" each=\"i\" "
                               "slot=\"{x}\"/></document>")
                   .ok());
}

TEST(SlotNamesTest, AreTheNamesAfterSlotsDotInPlaceholdersAndConditions) {
  EXPECT_EQ(SlotNames(R"(<document><p if="slots.note">{slots.note}</p>
      <p>{slots.provision|default:＿＿}，{slots.wind_up_date}</p><if path="slots.evaluation_date">
      x</if><p>{institution.slots}{myslots.x}</p></document>)"),
            (std::vector<std::string>{"evaluation_date", "note", "provision", "wind_up_date"}));
  EXPECT_TRUE(SlotNames("<document><p>{institution.name}</p></document>").empty());
}

}  // namespace
}  // namespace pipeline::render
