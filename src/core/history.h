// A bounded history of (x, y) points for live curves that may run for hours.
//
// Points arrive one by one; once `capacity` is reached, every second point is dropped and only
// every second future point is kept, so memory stays bounded while the whole run stays visible
// at evenly thinned resolution.
#pragma once

#include <cstddef>
#include <vector>

namespace dendrites {

class History {
public:
    explicit History(std::size_t capacity = 2048) : capacity_(capacity < 4 ? 4 : capacity) {}

    void Add(double x, double y) {
        if (++arrivals_ % stride_ != 0) return;
        if (xs_.size() == capacity_) Thin();
        xs_.push_back(x);
        ys_.push_back(y);
    }
    void Clear() {
        xs_.clear();
        ys_.clear();
        stride_ = 1;
        arrivals_ = 0;
    }

    std::size_t Size() const { return xs_.size(); }
    bool Empty() const { return xs_.empty(); }
    const std::vector<double>& Xs() const { return xs_; }
    const std::vector<double>& Ys() const { return ys_; }
    double LastY() const { return ys_.empty() ? 0.0 : ys_.back(); }

private:
    void Thin() {
        std::size_t kept = 0;
        for (std::size_t i = 1; i < xs_.size(); i += 2, ++kept) {
            xs_[kept] = xs_[i];
            ys_[kept] = ys_[i];
        }
        xs_.resize(kept);
        ys_.resize(kept);
        stride_ *= 2;
        arrivals_ = 0;
    }

    std::size_t capacity_;
    std::size_t stride_ = 1;
    std::size_t arrivals_ = 0;
    std::vector<double> xs_, ys_;
};

}  // namespace dendrites
