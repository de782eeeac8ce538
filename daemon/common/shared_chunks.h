// SharedChunks<T>: a sequence of T that reads like a const std::vector<T>,
// held in chunks of kChunkSize elements, each behind a shared_ptr, so that a
// copy of the sequence costs one pointer per chunk and shares every chunk it
// does not change. Changing an element (mutable_at, push_back) first copies
// its chunk when another sequence shares it. Owned by value by whoever holds
// it (PlanState's task rows); a sequence reachable from several threads is
// only read, and then its chunks are never written.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace nhacviec {

template <class T>
class SharedChunks {
public:
    static constexpr std::size_t kChunkSize = 1024;
    using Chunk = std::vector<T>;
    using value_type = T;
    using size_type = std::size_t;
    using const_reference = const T&;

    // A random-access iterator over the elements, in order.
    class const_iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        const_iterator() = default;
        const_iterator(const SharedChunks* owner, std::size_t index) : owner_(owner), index_(index) {}
        reference operator*() const { return (*owner_)[index_]; }
        pointer operator->() const { return &(*owner_)[index_]; }
        reference operator[](difference_type n) const { return (*owner_)[index_ + n]; }
        const_iterator& operator++() { ++index_; return *this; }
        const_iterator operator++(int) { auto old = *this; ++index_; return old; }
        const_iterator& operator--() { --index_; return *this; }
        const_iterator operator--(int) { auto old = *this; --index_; return old; }
        const_iterator& operator+=(difference_type n) { index_ += n; return *this; }
        const_iterator& operator-=(difference_type n) { index_ -= n; return *this; }
        friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
        friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
        friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
        friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
            return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.index_ == b.index_; }
        friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.index_ <=> b.index_; }

    private:
        const SharedChunks* owner_ = nullptr;
        std::size_t index_ = 0;
    };
    using iterator = const_iterator;

    SharedChunks() = default;
    // The elements of `items`, in order (moved into fresh chunks).
    explicit SharedChunks(std::vector<T> items) {
        for (auto& item : items) push_back(std::move(item));
    }
    // The elements listed, in order: `{task}` is a sequence of one.
    SharedChunks(std::initializer_list<T> items) {
        for (const auto& item : items) push_back(item);
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const T& operator[](std::size_t i) const { return (*chunks_[i / kChunkSize])[i % kChunkSize]; }
    const T& at(std::size_t i) const {
        if (i >= size_) throw std::out_of_range("SharedChunks::at: " + std::to_string(i) + " >= " + std::to_string(size_));
        return (*this)[i];
    }
    const T& front() const { return (*this)[0]; }
    const T& back() const { return (*this)[size_ - 1]; }
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size_}; }

    // Element `i`, writable: its chunk is copied first when another sequence shares it.
    T& mutable_at(std::size_t i) {
        if (i >= size_) throw std::out_of_range("SharedChunks::mutable_at: " + std::to_string(i));
        return (*own(i / kChunkSize))[i % kChunkSize];
    }

    void push_back(T value) {
        if (size_ % kChunkSize == 0) {
            auto chunk = std::make_shared<Chunk>();
            chunk->reserve(kChunkSize);
            chunks_.push_back(std::move(chunk));
        }
        own(chunks_.size() - 1)->push_back(std::move(value));
        ++size_;
    }

    // The chunks: chunk k holds elements k * kChunkSize onwards; all but the last are full.
    std::size_t chunk_count() const { return chunks_.size(); }
    std::shared_ptr<const Chunk> chunk(std::size_t k) const { return chunks_[k]; }

    // Appends a whole chunk, shared with whoever else holds it. The sequence
    // must end on a chunk boundary, and the chunk hold 1 to kChunkSize elements.
    void append_chunk(std::shared_ptr<const Chunk> chunk) {
        if (size_ % kChunkSize != 0 || !chunk || chunk->empty() || chunk->size() > kChunkSize)
            throw std::logic_error("SharedChunks::append_chunk: not on a chunk boundary or a bad chunk");
        size_ += chunk->size();
        // Never written while shared: own() copies a chunk another holder shares before writing to it.
        chunks_.push_back(std::const_pointer_cast<Chunk>(std::move(chunk)));
    }

private:
    // Chunk k, copied first when it is shared.
    const std::shared_ptr<Chunk>& own(std::size_t k) {
        auto& chunk = chunks_[k];
        if (chunk.use_count() > 1) {
            auto copy = std::make_shared<Chunk>();
            copy->reserve(kChunkSize);
            copy->insert(copy->end(), chunk->begin(), chunk->end());
            chunk = std::move(copy);
        }
        return chunk;
    }

    std::vector<std::shared_ptr<Chunk>> chunks_;
    std::size_t size_ = 0;
};

}  // namespace nhacviec
