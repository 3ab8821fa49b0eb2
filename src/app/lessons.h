// The guided tour: short lessons, each of which sets up a live scene through a link query
// (the same keys as a shared link) and says in a few sentences what to look at.
#pragma once

#include <string>

namespace dendrites::app {

// What a lesson does after its query has set the scene up.
enum class LessonStart {
    kNothing,
    kSweepOnline,     // the backprop step-through, one sample per update, animated
    kSweepMiniBatch,  // the step-through with a mini-batch of 4 samples, animated
    kTrainedMlp,      // the MLP lab's network trained (25 epochs) unless it already is
    kRun,             // the bridge lab's screen running
};

struct Lesson {
    const char* title;
    const char* text;   // what to look at and why, in a few sentences
    const char* query;  // the scene it opens (docs/embedding.md lists the keys)
    LessonStart start = LessonStart::kNothing;
};

int LessonCount();
const Lesson& LessonAt(int index);  // 0 <= index < LessonCount()

}  // namespace dendrites::app
