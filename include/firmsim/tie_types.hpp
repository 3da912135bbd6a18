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

/// Which stages a tie joins: the same stage (horizontal), successive stages (vertical, source
/// upstream of target) or any two stages.
enum class TieStage : std::uint8_t { same, adjacent, any };

/// What a tie does besides the learning that InnovationSpec::tie_learning sets (see
/// docs/ODD.md, "Cooperation ties"): the money, brand, cost and control it moves.
enum class TieEffect : std::uint8_t {
  supply,         ///< orders and goods along the supply network (supply.cpp, production)
  royalty,        ///< target pays source fee[type] of its revenue for the technology
  cross_royalty,  ///< each partner pays the other fee[type] of its revenue
  control,        ///< source owns target (an acquisition): target pays fee[type] to its owner
  franchise,      ///< target pays a fee and its brand closes on the franchisor's
  rd_pool,        ///< partners pool R&D (rd_pooling.cpp); a consortium by contribution
  institute,      ///< the firm and its region's research institute (State::institute_ties)
  joint_venture,  ///< co-production; North–South: local content, wages, export access
  market_pool,    ///< joint marketing: brands pooled, export access shared
  information,    ///< informal exchange of technology and market information only
};

struct TieRule {
  std::string_view name;
  TieDomain domain;
  bool two_way;       ///< pools R&D, capital or market access instead of a one-way flow
  bool supply;        ///< orders and goods flow along it (source supplies target)
  bool moves_knowledge;  ///< knowledge moves along it (one-way: source to target)
  bool group;         ///< a group agreement (consortium): benefits by contribution
  TieStage stage;     ///< which partner stages are eligible
  bool rd;            ///< an R&D tie: needs absorptive capacity and a strong IP regime
  bool final_stage;   ///< both partners sell on final markets (distribution ties)
  TieEffect effect;   ///< what it does besides learning
  bool searched;      ///< formed by partner search (false: by supplier search)
};

inline constexpr std::array<TieRule, kTieTypeCount> kTieRules{{
    // name, domain, two_way, supply, knowledge, group, stage, rd, final_stage, effect, searched
    {"licensing", TieDomain::rd, false, false, true, false, TieStage::same, true, false,
     TieEffect::royalty, true},
    {"second_source", TieDomain::rd, false, false, true, false, TieStage::same, true, false,
     TieEffect::royalty, true},
    {"cross_licensing", TieDomain::rd, true, false, true, false, TieStage::same, true, false,
     TieEffect::cross_royalty, true},
    {"subcontracting", TieDomain::production, false, true, false, false, TieStage::adjacent,
     false, false, TieEffect::supply, false},
    {"oem", TieDomain::production, false, true, true, false, TieStage::adjacent, false, false,
     TieEffect::supply, false},
    {"ownership", TieDomain::production, false, false, true, false, TieStage::any, false, false,
     TieEffect::control, true},
    {"franchising", TieDomain::distribution, false, false, true, false, TieStage::same, false,
     true, TieEffect::franchise, true},
    {"rd_partnership", TieDomain::rd, true, false, true, false, TieStage::any, true, false,
     TieEffect::rd_pool, true},
    {"consortium", TieDomain::rd, true, false, true, true, TieStage::any, true, false,
     TieEffect::rd_pool, true},
    {"university", TieDomain::rd, true, false, true, false, TieStage::any, true, false,
     TieEffect::institute, true},
    {"joint_venture", TieDomain::production, true, false, true, false, TieStage::same, false,
     false, TieEffect::joint_venture, true},
    {"modular_supply", TieDomain::production, true, true, true, false, TieStage::adjacent, true,
     false, TieEffect::supply, true},
    {"joint_marketing", TieDomain::distribution, true, false, false, false, TieStage::same,
     false, true, TieEffect::market_pool, true},
    {"knowledge_exchange", TieDomain::information, true, false, true, false, TieStage::any,
     false, false, TieEffect::information, true},
}};

inline constexpr const TieRule& rule(TieType t) { return kTieRules[static_cast<int>(t)]; }
inline constexpr std::string_view tie_name(TieType t) { return rule(t).name; }
inline std::optional<TieType> tie_type_from_name(std::string_view name) {
  for (int i = 0; i < kTieTypeCount; ++i)
    if (kTieRules[i].name == name) return static_cast<TieType>(i);
  return std::nullopt;
}

}  // namespace firmsim
