// The guided tour in the app: opening a lesson, its window, and its place in links.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/app.h"
#include "app/lessons.h"

namespace dendrites::app {

void App::OpenLesson(int index) {
    if (index < 0 || index >= LessonCount()) {
        lesson_ = -1;
        return;
    }
    // Every lesson starts from the default experiment and the default panels, so it opens the
    // same scene whatever came before.
    const ViewOptions previous = view_;
    view_ = ViewOptions{};
    view_.embed = previous.embed;
    view_.light = previous.light;
    const scene::Experiment defaults;
    ApplyExperiment(defaults);
    mlp_.SetAnimation(false, mlp_.StagesPerSecond());
    mlp_.StopStepThrough();
    bridge_.Pause();
    const Lesson& lesson = LessonAt(index);
    ApplyQuery(lesson.query);
    lesson_ = index;
    resume_lesson_ = index;
    switch (lesson.start) {
        case LessonStart::kNothing: break;
        case LessonStart::kSweepOnline:
        case LessonStart::kSweepMiniBatch: {
            const bool batch = lesson.start == LessonStart::kSweepMiniBatch;
            mlp_.SetStepThroughBatch(batch ? 4 : 1);
            mlp_view_.sweep_batch = 4;
            mlp_.StartStepThrough();
            mlp_.SetAnimation(true, batch ? 4.0 : 2.0);
            break;
        }
        case LessonStart::kTrainedMlp:
            // 25 epochs of the reference experiment: about a third of a second.
            while (mlp_.Trainer().Epoch() < 25 &&
                   mlp_.Trainer().Status() == mlp::TrainerStatus::Ready)
                mlp_.StepEpoch();
            bridge_.Play();
            break;
        case LessonStart::kRun: bridge_.Play(); break;
    }
}

void App::SetResumeLesson(int index) {
    if (index >= 0 && index < LessonCount()) resume_lesson_ = index;
}

void App::DrawLesson() {
    if (lesson_ < 0) return;
    const Lesson& lesson = LessonAt(lesson_);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float width = std::min(460.0f, viewport->WorkSize.x - 40.0f);
    // Bottom left, over the controls: the lesson's scene stays in view.
    ImGui::SetNextWindowPos(
        ImVec2(viewport->WorkPos.x + 14.0f, viewport->WorkPos.y + viewport->WorkSize.y - 14.0f),
        ImGuiCond_Appearing, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Appearing);
    ImGui::SetNextWindowBgAlpha(0.97f);
    bool open = true;
    char title[96];
    std::snprintf(title, sizeof title, "Lesson %d of %d###lesson", lesson_ + 1, LessonCount());
    if (ImGui::Begin(title, &open, ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_PlotLinesHovered));
        ImGui::TextWrapped("%s", lesson.title);
        ImGui::PopStyleColor();
        ImGui::TextWrapped("%s", lesson.text);
        ImGui::ProgressBar(static_cast<float>(lesson_ + 1) / LessonCount(), ImVec2(-FLT_MIN, 4.0f),
                           "");
        ImGui::BeginDisabled(lesson_ == 0);
        if (ImGui::Button("< Previous")) OpenLesson(lesson_ - 1);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(lesson_ + 1 >= LessonCount());
        if (ImGui::Button("Next >")) OpenLesson(lesson_ + 1);
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Again")) OpenLesson(lesson_);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Set the lesson's scene up again.");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::BeginCombo("##all", "all lessons")) {
            for (int k = 0; k < LessonCount(); ++k) {
                char item[128];
                std::snprintf(item, sizeof item, "%d  %s", k + 1, LessonAt(k).title);
                if (ImGui::Selectable(item, k == lesson_)) OpenLesson(k);
            }
            ImGui::EndCombo();
        }
    }
    ImGui::End();
    if (!open) lesson_ = -1;
}

}  // namespace dendrites::app
