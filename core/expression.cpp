#include "core/expression.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <numbers>

#include "core/error.hpp"

namespace tristage {
namespace {

struct FuncName {
  const char* name;
  Func func;
};
constexpr FuncName funcs[] = {
    {"exp", Func::exp},   {"log", Func::log},     {"sqrt", Func::sqrt},   {"sin", Func::sin},
    {"cos", Func::cos},   {"tan", Func::tan},     {"sinh", Func::sinh},   {"cosh", Func::cosh},
    {"tanh", Func::tanh}, {"asin", Func::asin},   {"acos", Func::acos},   {"atan", Func::atan},
    {"arcsin", Func::asin}, {"arccos", Func::acos}, {"arctan", Func::atan},
};

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Expr parse() {
    if (s_.size() > max_expression_length)
      throw usage_error("kernel expression '" + shown_text(s_) + "' is " + std::to_string(s_.size()) +
                        " characters long; write it in at most " + std::to_string(max_expression_length));
    skip();
    if (pos_ == s_.size())
      throw usage_error("kernel expression '" + shown_text(s_) + "' is empty; write h as a function of u, e.g. 'exp(u)'");
    Expr e = expr();
    skip();
    if (pos_ != s_.size()) fail(std::string("unexpected '") + s_[pos_] + "'");
    return e;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  int depth_ = 0;  // nesting of unary(): every recursion of the grammar passes through it

  [[noreturn]] void fail(const std::string& what, size_t at) const {
    throw usage_error("kernel expression '" + shown_text(s_) + "': " + what + " at column " +
                      std::to_string(at + 1));
  }
  [[noreturn]] void fail(const std::string& what) const { fail(what, pos_); }

  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(std::string_view tok) {
    skip();
    if (s_.substr(pos_, tok.size()) == tok) {
      pos_ += tok.size();
      return true;
    }
    return false;
  }
  // Operands are moved in: a braced list {a, b} would copy them (an initializer_list is const), and the left-deep
  // tree of 1+1+...+1 then copied everything to the left of each '+' (quadratic: 0.9 s for 10000 characters).
  template <class... Operands>
  static Expr node(Expr::Op op, Operands... operands) {
    Expr e;
    e.op = op;
    e.args.reserve(sizeof...(operands));
    (e.args.push_back(std::move(operands)), ...);
    return e;
  }

  Expr expr() {
    Expr e = term();
    for (;;) {
      if (eat("+")) e = node(Expr::Op::add, std::move(e), term());
      else if (eat("-")) e = node(Expr::Op::sub, std::move(e), term());
      else return e;
    }
  }
  Expr term() {
    Expr e = unary();
    for (;;) {
      skip();
      if (s_.substr(pos_, 2) == "**") return e;  // handled by power()
      if (eat("*")) e = node(Expr::Op::mul, std::move(e), unary());
      else if (eat("/")) e = node(Expr::Op::div, std::move(e), unary());
      else return e;
    }
  }
  Expr unary() {
    // Deep nesting would overflow the stack here and in every evaluator that walks the tree.
    if (++depth_ > max_expression_depth)
      throw usage_error("kernel expression '" + shown_text(s_) + "': more than " +
                        std::to_string(max_expression_depth) + " levels of nesting at column " +
                        std::to_string(pos_ + 1) + " (parentheses, function calls, signs, powers); simplify it");
    Expr e;
    if (eat("-")) e = node(Expr::Op::neg, unary());
    else if (eat("+")) e = unary();
    else e = power();
    --depth_;
    return e;
  }
  Expr power() {
    Expr base = primary();
    if (eat("^") || eat("**")) return node(Expr::Op::pow, std::move(base), unary());
    return base;
  }
  Expr primary() {
    skip();
    if (pos_ == s_.size()) fail("the expression ends where a number, 'u' or '(' was expected");
    char c = s_[pos_];
    if (c == '(') {
      size_t open = pos_++;
      Expr e = expr();
      if (!eat(")")) {
        skip();
        if (pos_ == s_.size()) fail("'(' is never closed", open);
        fail(std::string("expected ')' but found '") + s_[pos_] + "'");
      }
      return e;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return identifier();
    if (c == ')') fail("unbalanced ')'");
    fail(std::string("unexpected '") + c + "'");
  }
  Expr number() {
    size_t start = pos_;
    while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.')) ++pos_;
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      size_t save = pos_++;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
        while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      } else {
        pos_ = save;  // "2e" without digits: refused below as a missing "*"
      }
    }
    Expr e;
    e.op = Expr::Op::number;
    e.number = std::string(s_.substr(start, pos_ - start));
    try {
      parse_decimal(e.number);
    } catch (const Error& err) {
      if (std::string_view(err.what()).find("out of range") != std::string_view::npos)
        fail("number '" + shown_text(e.number) + "' is out of range (sizes from 1e-300 to 1e300, or 0)", start);
      fail("malformed number '" + shown_text(e.number) + "'", start);
    }
    e.value = std::strtod(e.number.c_str(), nullptr);
    skip();
    if (pos_ < s_.size() && (std::isalpha(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '(' ))
      fail("write '*' between a number and what follows (e.g. '2*u')");
    return e;
  }
  Expr identifier() {
    size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
    std::string id(s_.substr(start, pos_ - start));
    Expr e;
    if (id == "u") e.op = Expr::Op::var;
    else if (id == "pi" || id == "Pi") e.op = Expr::Op::pi;
    else if (id == "e") e.op = Expr::Op::e;
    if (e.op != Expr::Op::number) {
      skip();
      if (pos_ < s_.size() && s_[pos_] == '(') fail("'" + id + "' is not a function; write '*' to multiply");
      return e;
    }
    for (const auto& f : funcs) {
      if (id != f.name) continue;
      if (!eat("(")) fail("function '" + id + "' needs its argument in parentheses, e.g. " + id + "(u)");
      size_t open = pos_ - 1;
      e.op = Expr::Op::call;
      e.func = f.func;
      e.args.push_back(expr());
      if (eat(",")) fail("function '" + id + "' takes one argument");
      if (!eat(")")) {
        skip();
        if (pos_ == s_.size()) fail("'(' is never closed", open);
        fail(std::string("expected ')' but found '") + s_[pos_] + "'");
      }
      return e;
    }
    throw usage_error("kernel expression '" + shown_text(s_) + "': unknown name '" + shown_text(id, 20) + "' at column " +
                      std::to_string(start + 1) + "; the variable is u, the constants pi and e, the functions " +
                      known_functions());
  }
};

}  // namespace

Expr parse_expression(std::string_view text) { return Parser(text).parse(); }

std::string shown_text(std::string_view text, size_t limit) {
  std::string out;
  for (size_t i = 0; i < text.size() && i < limit; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      static const char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (text.size() > limit) out += "...";
  return out;
}

const char* func_name(Func f) {
  for (const auto& n : funcs)
    if (n.func == f) return n.name;
  return "?";
}

std::string known_functions() {
  std::string out;
  for (const auto& n : funcs) {
    if (std::string_view(n.name).starts_with("arc")) continue;  // aliases
    if (!out.empty()) out += ", ";
    out += n.name;
  }
  return out;
}

double Expr::eval(double u) const {
  auto a = [&](size_t i) { return args[i].eval(u); };
  switch (op) {
    case Op::number: return value;
    case Op::var: return u;
    case Op::pi: return std::numbers::pi;
    case Op::e: return std::numbers::e;
    case Op::add: return a(0) + a(1);
    case Op::sub: return a(0) - a(1);
    case Op::mul: return a(0) * a(1);
    case Op::div: return a(0) / a(1);
    case Op::pow: return std::pow(a(0), a(1));
    case Op::neg: return -a(0);
    case Op::call:
      switch (func) {
        case Func::exp: return std::exp(a(0));
        case Func::log: return std::log(a(0));
        case Func::sqrt: return std::sqrt(a(0));
        case Func::sin: return std::sin(a(0));
        case Func::cos: return std::cos(a(0));
        case Func::tan: return std::tan(a(0));
        case Func::sinh: return std::sinh(a(0));
        case Func::cosh: return std::cosh(a(0));
        case Func::tanh: return std::tanh(a(0));
        case Func::asin: return std::asin(a(0));
        case Func::acos: return std::acos(a(0));
        case Func::atan: return std::atan(a(0));
      }
  }
  return std::nan("");
}

Decimal parse_decimal(std::string_view text) {
  auto bad = [&] {
    return usage_error("'" + shown_text(text) + "' is not a finite decimal number (examples: 1, 0.5, -2, 1e-3)");
  };
  size_t i = 0;
  Decimal d;
  std::string digits;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    if (text[i] == '-') d.digits = "-";
    ++i;
  }
  bool any = false, point = false;
  int frac = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
      any = true;
      if (point) ++frac;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!any) throw bad();
  long exp10 = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    size_t start = i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t ds = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == ds || i - ds > 4) throw bad();
    exp10 = std::strtol(std::string(text.substr(start, i - start)).c_str(), nullptr, 10);
  }
  if (i != text.size()) throw bad();
  size_t nz = digits.find_first_not_of('0');
  digits = nz == std::string::npos ? "0" : digits.substr(nz);
  if (digits.size() > 400) throw bad();
  d.digits += digits;
  if (d.digits == "-0") d.digits = "0";
  d.exponent10 = static_cast<int>(exp10) - frac;
  // The value is about 10^magnitude; beyond a double's range it could only give inf, 0 or a 10000-digit rational.
  const long magnitude = static_cast<long>(digits.size()) - 1 + d.exponent10;
  if (digits != "0" && (magnitude > 300 || magnitude < -300))
    throw usage_error("'" + shown_text(text) + "' is out of range: numbers are 0 or between 1e-300 and 1e300 in size");
  return d;
}

}  // namespace tristage
