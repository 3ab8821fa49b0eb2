// The guided tour: short lessons, each of which sets up a live scene through a link query
// (the same keys as a shared link) and says in a few sentences what to look at.
#pragma once

#include <string>

namespace dendrites::app {

struct Lesson {
    const char* title;
    const char* text;   // what to look at and why, in a few sentences
    const char* query;  // the scene it opens (docs/embedding.md lists the keys)
};

int LessonCount();
const Lesson& LessonAt(int index);  // 0 <= index < LessonCount()

}  // namespace dendrites::app
