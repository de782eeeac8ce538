#include "common/base64.h"

#include <openssl/evp.h>

#include <algorithm>

namespace nhacviec {

namespace {

// OpenSSL's block functions take an int length: long inputs go through in
// pieces that encode (a multiple of 3 bytes) or decode (of 4 characters)
// with no padding between them.
constexpr size_t kEncodePiece = 3 * 4096;
constexpr size_t kDecodePiece = 4 * 4096;

bool in_alphabet(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    unsigned char buffer[kEncodePiece / 3 * 4 + 1];  // EVP_EncodeBlock ends the text with a NUL
    for (size_t at = 0; at < bytes.size(); at += kEncodePiece) {
        const size_t piece = std::min(kEncodePiece, bytes.size() - at);
        const int length =
            EVP_EncodeBlock(buffer, reinterpret_cast<const unsigned char*>(bytes.data() + at), static_cast<int>(piece));
        out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    // EVP_DecodeBlock skips white space and reads '=' anywhere as zero bits:
    // the form is checked here first. Whole groups of 4, every character
    // from the alphabet but one or two '=' that end the text.
    if (text.size() % 4 != 0) return std::nullopt;
    size_t pad = 0;
    if (!text.empty() && text.back() == '=') pad = text[text.size() - 2] == '=' ? 2 : 1;
    if (!std::all_of(text.begin(), text.end() - static_cast<std::ptrdiff_t>(pad), in_alphabet)) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    unsigned char buffer[kDecodePiece / 4 * 3];
    for (size_t at = 0; at < text.size(); at += kDecodePiece) {
        const size_t piece = std::min(kDecodePiece, text.size() - at);
        const int length =
            EVP_DecodeBlock(buffer, reinterpret_cast<const unsigned char*>(text.data() + at), static_cast<int>(piece));
        if (length < 0) return std::nullopt;
        out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
    }
    // EVP_DecodeBlock gives the padding as zero bytes.
    out.erase(out.size() - std::min(pad, out.size()));
    return out;
}

std::string base64url_encode(std::string_view bytes) {
    std::string out = base64_encode(bytes);
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
    return out;
}

}  // namespace nhacviec
