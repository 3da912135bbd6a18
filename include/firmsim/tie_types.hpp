#pragma once
/// The taxonomy of inter-firm agreements (UNCTAD 1997, Table 1), one tie type each.
///
/// A tie type is added here, in one table: its name (used in ties.csv, network.graphml and the
/// `ties_<type>` columns), its direction and what flows along it. Mechanisms read the table;
/// nothing else switches on tie types by hand.
///
/// Direction: for one-way types `source` gives (knowledge, goods, a brand or control) and
/// `target` receives and pays (royalties, fees, the price of goods). For two-way types the
/// order of the two firms carries no meaning.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace firmsim {

enum class TieType : std::uint8_t {
  licensing,
  second_source,
  cross_licensing,
  subcontracting,
  oem,
  ownership,
  franchising,
  rd_partnership,
  consortium,
  university,
  joint_venture,
  modular_supply,
  joint_marketing,
  knowledge_exchange,
};
inline constexpr int kTieTypeCount = 14;

enum class TieDomain : std::uint8_t { rd, production, distribution, information };

struct TieRule {
  std::string_view name;
  TieDomain domain;
  bool two_way;       ///< pools R&D, capital or market access instead of a one-way flow
  bool supply;        ///< orders and goods flow along it (source supplies target)
  bool moves_knowledge;  ///< knowledge moves along it (one-way: source to target)
  bool group;         ///< a group agreement (consortium): benefits by contribution
};

inline constexpr std::array<TieRule, kTieTypeCount> kTieRules{{
    {"licensing", TieDomain::rd, false, false, true, false},
    {"second_source", TieDomain::rd, false, true, true, false},
    {"cross_licensing", TieDomain::rd, false, false, true, false},
    {"subcontracting", TieDomain::production, false, true, false, false},
    {"oem", TieDomain::production, false, true, true, false},
    {"ownership", TieDomain::production, false, false, true, false},
    {"franchising", TieDomain::distribution, false, false, true, false},
    {"rd_partnership", TieDomain::rd, true, false, true, false},
    {"consortium", TieDomain::rd, true, false, true, true},
    {"university", TieDomain::rd, true, false, true, false},
    {"joint_venture", TieDomain::production, true, false, true, false},
    {"modular_supply", TieDomain::production, true, true, true, false},
    {"joint_marketing", TieDomain::distribution, true, false, false, false},
    {"knowledge_exchange", TieDomain::information, true, false, true, false},
}};

inline constexpr const TieRule& rule(TieType t) { return kTieRules[static_cast<int>(t)]; }
inline constexpr std::string_view tie_name(TieType t) { return rule(t).name; }
inline std::optional<TieType> tie_type_from_name(std::string_view name) {
  for (int i = 0; i < kTieTypeCount; ++i)
    if (kTieRules[i].name == name) return static_cast<TieType>(i);
  return std::nullopt;
}

}  // namespace firmsim
